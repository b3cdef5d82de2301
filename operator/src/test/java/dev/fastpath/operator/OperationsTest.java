package dev.fastpath.operator;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fastpath.operator.testing.Fixtures.condition;
import static dev.fastpath.operator.testing.Fixtures.create;
import static dev.fastpath.operator.testing.Fixtures.eventually;
import static dev.fastpath.operator.testing.Fixtures.group;
import static dev.fastpath.operator.testing.Fixtures.policy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = MockCluster.class)
class OperationsTest {

    @Inject
    KubernetesClient client;
    @Inject
    MeterRegistry registry;

    private double unchangedReconciles() {
        Counter counter = registry.find("fastpath_reconcile_total").tags("kind", "NetworkAttachment", "result", "unchanged").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void statusIsNotPatchedWhenAReconcileChangesNothing() throws InterruptedException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ops").endMetadata().build()).create();
        create(client, new NetworkAttachment("ops", "quiet", new NetworkAttachmentSpec().withType(AttachmentType.SRIOV).withPool("quietpool")));
        eventually(() -> assertNotNull(condition(get(), Conditions.READY)));
        NetworkAttachment before = get();
        Condition readyBefore = condition(before, Conditions.READY);

        // A NodePolicy event wakes every attachment; this one defines another pool, so nothing changes for "quiet".
        double unchanged = unchangedReconciles();
        NodePolicy unrelated = create(client, policy("ops-unrelated", 50, Map.of("fastpath-test", "ops"), 4,
                List.of("ens7f0"), group("0-3", "otherpool", VfDriver.IAVF)));
        eventually(() -> assertTrue(unchangedReconciles() > unchanged, "the attachment was reconciled"));
        Thread.sleep(500);
        NetworkAttachment after = get();
        assertEquals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "no status patch");
        assertEquals(readyBefore, condition(after, Conditions.READY));

        // Its pool appears: Ready stays False with another reason, and lastTransitionTime is kept.
        create(client, policy("ops-quiet", 50, Map.of("fastpath-test", "ops"), 4, List.of("ens7f1"),
                group("0-3", "quietpool", VfDriver.IAVF)));
        eventually(() -> assertEquals("NoNodeOffersPool", condition(get(), Conditions.READY).getReason()));
        assertEquals(readyBefore.getLastTransitionTime(), condition(get(), Conditions.READY).getLastTransitionTime());
        client.resource(unrelated).delete();
        client.resources(NodePolicy.class).withName("ops-quiet").delete();
    }

    @Test
    void healthAndPrometheusMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        eventually(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fastpath_reconcile_total"))
                .body(containsString("fastpath_reconcile_duration_seconds"))
                .body(containsString("fastpath_nodes_synced")));
    }

    private NetworkAttachment get() {
        return client.resources(NetworkAttachment.class).inNamespace("ops").withName("quiet").get();
    }
}
