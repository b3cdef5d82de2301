package dev.fastpath.operator.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VhostUserConfig;
import dev.fastpath.api.v1alpha1.VhostUserMode;
import dev.fastpath.api.v1alpha1.VlanProto;
import dev.fastpath.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fastpath.operator.testing.Fixtures.agentApplies;
import static dev.fastpath.operator.testing.Fixtures.collectGarbageOf;
import static dev.fastpath.operator.testing.Fixtures.condition;
import static dev.fastpath.operator.testing.Fixtures.create;
import static dev.fastpath.operator.testing.Fixtures.eventually;
import static dev.fastpath.operator.testing.Fixtures.group;
import static dev.fastpath.operator.testing.Fixtures.nad;
import static dev.fastpath.operator.testing.Fixtures.node;
import static dev.fastpath.operator.testing.Fixtures.nodeState;
import static dev.fastpath.operator.testing.Fixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = MockCluster.class)
class NetworkAttachmentReconcilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    private NetworkAttachment attachment(String ns, String name, NetworkAttachmentSpec spec) {
        if (client.namespaces().withName(ns).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        return create(client, new NetworkAttachment(ns, name, spec));
    }

    private NetworkAttachment get(String ns, String name) {
        return client.resources(NetworkAttachment.class).inNamespace(ns).withName(name).get();
    }

    @Test
    void rendersNadAndWalksReadyFromPoolUnknownToReady() throws Exception {
        NetworkAttachment na = attachment("na-walk", "data", new NetworkAttachmentSpec().withType(AttachmentType.SRIOV)
                .withPool("walkpool").withVlan(100).withVlanQoS(3).withVlanProto(VlanProto.DOT1AD).withMtu(9000)
                .withSpoofChk(true).withTrust(false).withMaxTxRateMbps(1000)
                .withIpam(Map.of("type", "host-local", "subnet", "10.10.0.0/24")));

        eventually(() -> {
            Condition ready = condition(get("na-walk", "data"), Conditions.READY);
            assertNotNull(ready);
            assertEquals("False", ready.getStatus());
            assertEquals(Conditions.REASON_POOL_UNKNOWN, ready.getReason());
            assertTrue(ready.getMessage().contains("walkpool"), ready.getMessage());
        });
        GenericKubernetesResource nad = nad(client, "na-walk", "data");
        assertNotNull(nad, "the NAD is rendered even before the pool exists");
        assertEquals("fastpath.dev/walkpool", nad.getMetadata().getAnnotations().get("k8s.v1.cni.cncf.io/resourceName"));
        assertEquals(na.getMetadata().getUid(), nad.getMetadata().getOwnerReferences().getFirst().getUid());
        assertEquals(Boolean.TRUE, nad.getMetadata().getOwnerReferences().getFirst().getController());
        JsonNode config = JSON.readTree((String) ((Map<?, ?>) nad.getAdditionalProperties().get("spec")).get("config"));
        assertEquals("1.1.0", config.get("cniVersion").asText());
        assertEquals("fastpath", config.get("type").asText());
        assertEquals("data", config.get("name").asText());
        assertEquals("sriov", config.get("attachment").asText());
        assertEquals("walkpool", config.get("pool").asText());
        assertEquals(100, config.get("vlan").asInt());
        assertEquals(3, config.get("vlanQoS").asInt());
        assertEquals("802.1ad", config.get("vlanProto").asText());
        assertEquals(9000, config.get("mtu").asInt());
        assertEquals("on", config.get("spoofchk").asText());
        assertEquals("off", config.get("trust").asText());
        assertEquals(1000, config.get("max_tx_rate").asInt());
        assertEquals("host-local", config.get("ipam").get("type").asText());
        assertEquals("10.10.0.0/24", config.get("ipam").get("subnet").asText());
        for (String capability : List.of("deviceID", "mac", "ips", "CNIDeviceInfoFile")) {
            assertTrue(config.get("capabilities").get(capability).asBoolean(), "Multus passes " + capability + " only when declared");
        }
        assertEquals("data", get("na-walk", "data").getStatus().getNetworkAttachmentDefinition());
        assertEquals("fastpath.dev/walkpool", get("na-walk", "data").getStatus().getResourceName());

        // A policy defines the pool: no node offers it yet.
        node(client, "walk-node-1", Map.of("fastpath-test", "walk"));
        NodePolicy policy = create(client, policy("walk-policy", 10, Map.of("fastpath-test", "walk"), 8, List.of("ens1f0"),
                group("0-7", "walkpool", VfDriver.IAVF)));
        eventually(() -> assertEquals(NetworkAttachmentReconciler.REASON_NO_NODE_OFFERS_POOL,
                condition(get("na-walk", "data"), Conditions.READY).getReason()));

        // The node-agent applies the NodeState and reports VFs of the pool: Ready.
        eventually(() -> assertTrue(nodeState(client, "walk-node-1").isPresent()));
        agentApplies(client, "walk-node-1", List.of("ens1f0"));
        eventually(() -> {
            Condition ready = condition(get("na-walk", "data"), Conditions.READY);
            assertEquals("True", ready.getStatus());
            assertEquals(Conditions.REASON_NAD_READY, ready.getReason());
            assertEquals(get("na-walk", "data").getMetadata().getGeneration(), ready.getObservedGeneration());
        });

        client.resource(policy).delete();
        eventually(() -> assertEquals(Conditions.REASON_POOL_UNKNOWN,
                condition(get("na-walk", "data"), Conditions.READY).getReason()));
    }

    @Test
    void repairsDriftInTheNadButKeepsOthersLabels() {
        attachment("na-drift", "drifty", new NetworkAttachmentSpec().withType(AttachmentType.VHOST_USER)
                .withVhostUser(new VhostUserConfig().withMode(VhostUserMode.SERVER).withQueues(2)).withMtu(1500));
        eventually(() -> assertNotNull(nad(client, "na-drift", "drifty")));
        GenericKubernetesResource original = nad(client, "na-drift", "drifty");
        assertEquals("fastpath.dev/vhost-user", original.getMetadata().getAnnotations().get("k8s.v1.cni.cncf.io/resourceName"));
        String goodConfig = (String) ((Map<?, ?>) original.getAdditionalProperties().get("spec")).get("config");
        assertTrue(goodConfig.contains("\"vhostUser\":{\"mode\":\"server\",\"queues\":2}"), goodConfig);

        GenericKubernetesResource tampered = new GenericKubernetesResourceBuilder(original).build();
        tampered.getMetadata().getLabels().put("team", "blue");
        tampered.getMetadata().getAnnotations().put("k8s.v1.cni.cncf.io/resourceName", "fastpath.dev/stolen");
        tampered.setAdditionalProperty("spec", Map.of("config", "{\"cniVersion\":\"1.1.0\",\"type\":\"bridge\"}"));
        client.resource(tampered).update();

        eventually(() -> {
            GenericKubernetesResource repaired = nad(client, "na-drift", "drifty");
            String config = (String) ((Map<?, ?>) repaired.getAdditionalProperties().get("spec")).get("config");
            assertEquals(JSON.readTree(goodConfig), JSON.readTree(config));
            assertEquals("fastpath.dev/vhost-user", repaired.getMetadata().getAnnotations().get("k8s.v1.cni.cncf.io/resourceName"));
            assertEquals("blue", repaired.getMetadata().getLabels().get("team"), "labels others add are kept");
        });
    }

    @Test
    void leavesAForeignNadAloneAndSaysSo() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("na-foreign").endMetadata().build()).create();
        GenericKubernetesResource foreign = client.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("k8s.cni.cncf.io/v1").withKind("NetworkAttachmentDefinition")
                .withNewMetadata().withName("macvlan").withNamespace("na-foreign").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("config", "{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\"}")))
                .build()).create();
        attachment("na-foreign", "macvlan", new NetworkAttachmentSpec().withType(AttachmentType.KERNEL));

        eventually(() -> {
            Condition ready = condition(get("na-foreign", "macvlan"), Conditions.READY);
            assertNotNull(ready);
            assertEquals(NetworkAttachmentReconciler.REASON_NAD_CONFLICT, ready.getReason());
            assertTrue(ready.getMessage().contains("na-foreign/macvlan"), ready.getMessage());
        });
        GenericKubernetesResource after = nad(client, "na-foreign", "macvlan");
        assertEquals(foreign.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "untouched");
        assertNull(get("na-foreign", "macvlan").getStatus().getNetworkAttachmentDefinition());

        // The owner of the foreign NAD removes it: the attachment takes the name over.
        client.resource(after).delete();
        eventually(() -> {
            GenericKubernetesResource ours = nad(client, "na-foreign", "macvlan");
            assertNotNull(ours);
            assertTrue(((String) ((Map<?, ?>) ours.getAdditionalProperties().get("spec")).get("config")).contains("\"fastpath\""));
            assertEquals("macvlan", get("na-foreign", "macvlan").getStatus().getNetworkAttachmentDefinition());
        });
    }

    @Test
    void deletingTheAttachmentLeavesTheNadToTheGarbageCollector() {
        NetworkAttachment na = attachment("na-gc", "gone", new NetworkAttachmentSpec().withType(AttachmentType.KERNEL));
        eventually(() -> assertNotNull(nad(client, "na-gc", "gone")));
        client.resource(na).delete();
        eventually(() -> assertNull(get("na-gc", "gone")));
        // No finalizer: the operator does not delete the NAD itself, its owner reference makes it the GC's job.
        List<GenericKubernetesResource> nads = client.genericKubernetesResources("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")
                .inNamespace("na-gc").list().getItems();
        assertEquals(1, nads.size());
        assertEquals(1, collectGarbageOf(client, na, nads));
        assertNull(nad(client, "na-gc", "gone"));
    }
}
