package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.fastpath.operator.testing.Fixtures.agentSettles;
import static dev.fastpath.operator.testing.Fixtures.create;
import static dev.fastpath.operator.testing.Fixtures.eventually;
import static dev.fastpath.operator.testing.Fixtures.group;
import static dev.fastpath.operator.testing.Fixtures.node;
import static dev.fastpath.operator.testing.Fixtures.nodeState;
import static dev.fastpath.operator.testing.Fixtures.policy;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhooks over HTTP with AdmissionReview documents (src/test/resources/admission) as the API server sends
 * them; responses are decoded, their JSON Patch applied to the request object, and the result checked.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = MockCluster.class)
class AdmissionWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean clusterReady;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void cluster() {
        if (clusterReady) {
            return;
        }
        for (String ns : List.of("web", "shared")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        create(client, new NetworkAttachment("web", "dpdk", new NetworkAttachmentSpec().withType(AttachmentType.SRIOV_DPDK).withPool("dpdkpool")));
        create(client, new NetworkAttachment("web", "netdev", new NetworkAttachmentSpec().withType(AttachmentType.SRIOV).withPool("kpool")));
        create(client, new NetworkAttachment("web", "vhost", new NetworkAttachmentSpec().withType(AttachmentType.VHOST_USER)));
        create(client, new NetworkAttachment("shared", "netdev2", new NetworkAttachmentSpec().withType(AttachmentType.SRIOV).withPool("kpool2")));
        node(client, "web-node-1", Map.of("fastpath-test", "web"));
        create(client, policy("web-iavf", 10, Map.of("fastpath-test", "web"), 16, List.of("ens5f0"),
                group("0-7", "kpool", VfDriver.IAVF), group("8-11", "kpool2", VfDriver.IAVF)));
        create(client, policy("web-vfio", 10, Map.of("fastpath-test", "web"), 16, List.of("ens5f1"),
                group("0-7", "dpdkpool", VfDriver.VFIO_PCI)));
        eventually(() -> assertTrue(nodeState(client, "web-node-1").map(s -> s.getSpec().getPfs().size() == 2).orElse(false)));
        agentSettles(client, "web-node-1", List.of("ens5f0", "ens5f1"));
        clusterReady = true;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdmissionWebhooksTest.class.getResourceAsStream("/admission/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode post(String path, String review) throws IOException {
        String body = given().contentType("application/json").body(review).post("/admission/" + path)
                .then().statusCode(200).extract().asString();
        JsonNode response = JSON.readTree(body);
        assertEquals("admission.k8s.io/v1", response.get("apiVersion").asText());
        assertEquals("AdmissionReview", response.get("kind").asText());
        assertEquals(JSON.readTree(review).at("/request/uid").asText(), response.at("/response/uid").asText());
        return response.get("response");
    }

    /** Applies the response's JSON Patch to the request object. */
    private static JsonNode patched(String review, JsonNode response) throws IOException {
        JsonNode object = JSON.readTree(review).at("/request/object");
        if (!response.hasNonNull("patch")) {
            return object;
        }
        assertEquals("JSONPatch", response.get("patchType").asText());
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText()));
        return JsonPatch.apply(patch, object);
    }

    /** The same review with the mutated object, as a second webhook pass would see it. */
    private static String again(String review, JsonNode object) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(review);
        ((ObjectNode) tree.get("request")).set("object", object);
        return tree.toString();
    }

    @Test
    void podCommaFormGetsResourcesSocketsAndPodInfoOnce() throws IOException {
        String review = resource("pod-comma-form.json");
        JsonNode response = post("mutate-pods", review);
        assertTrue(response.get("allowed").asBoolean());
        JsonNode pod = patched(review, response);

        JsonNode app = pod.at("/spec/containers/0");
        for (String section : List.of("requests", "limits")) {
            JsonNode r = app.at("/resources/" + section);
            assertEquals("1", r.get("fastpath.dev/dpdkpool").asText());
            assertEquals("1", r.get("fastpath.dev/kpool").asText());
            assertEquals("1", r.get("fastpath.dev/vhost-user").asText());
            assertEquals("2", r.get("cpu").asText(), "user resources kept");
            assertEquals(5, r.size(), "cpu, memory and three Fastpath resources: macvlan-conf is not ours");
        }
        assertNull(pod.at("/spec/containers/1/resources").get("requests"), "devices go to the first container only");
        JsonNode volumes = pod.at("/spec/volumes");
        assertEquals(2, volumes.size());
        assertEquals("fastpath-sockets", volumes.get(0).get("name").asText());
        assertEquals("/run/fastpath/sockets", volumes.get(0).at("/hostPath/path").asText());
        assertEquals("fastpath-podinfo", volumes.get(1).get("name").asText());
        assertEquals("metadata.annotations", volumes.get(1).at("/downwardAPI/items/0/fieldRef/fieldPath").asText());
        for (JsonNode container : pod.at("/spec/containers")) {
            JsonNode mounts = container.get("volumeMounts");
            assertEquals("$(FASTPATH_POD_UID)", mounts.get(0).get("subPathExpr").asText());
            assertEquals("/run/fastpath/sockets", mounts.get(0).get("mountPath").asText());
            assertEquals("/etc/podnetinfo", mounts.get(1).get("mountPath").asText());
            JsonNode env = container.get("env");
            JsonNode uid = env.get(env.size() - 1);
            assertEquals("FASTPATH_POD_UID", uid.get("name").asText());
            assertEquals("metadata.uid", uid.at("/valueFrom/fieldRef/fieldPath").asText());
        }
        assertEquals("stats", pod.at("/spec/containers/1/env/0/value").asText(), "user env kept first");

        JsonNode second = post("mutate-pods", again(review, pod));
        assertTrue(second.get("allowed").asBoolean());
        assertFalse(second.hasNonNull("patch"), "idempotent: a second pass changes nothing");
    }

    @Test
    void podJsonFormCountsRepetitionsAndCrossNamespaceAttachments() throws IOException {
        String review = resource("pod-json-form-repeated.json");
        JsonNode pod = patched(review, post("mutate-pods", review));
        JsonNode requests = pod.at("/spec/containers/0/resources/requests");
        assertEquals("2", requests.get("fastpath.dev/dpdkpool").asText(), "dpdk named twice: two VFs");
        assertEquals("1", requests.get("fastpath.dev/kpool2").asText(), "shared/netdev2");
        assertEquals(requests, pod.at("/spec/containers/0/resources/limits"));
        assertEquals(1, pod.at("/spec/volumes").size(), "no vhost-user: no socket volume, only pod info");
        assertEquals("fastpath-podinfo", pod.at("/spec/volumes/0/name").asText());
        assertTrue(pod.at("/spec/containers/0/env").isMissingNode());
        assertFalse(post("mutate-pods", again(review, pod)).hasNonNull("patch"));
    }

    @Test
    void podsWithoutFastpathNetworksPassUntouchedAndBadAnnotationsAreRefused() throws IOException {
        JsonNode plain = post("mutate-pods", resource("pod-no-annotation.json"));
        assertTrue(plain.get("allowed").asBoolean());
        assertFalse(plain.hasNonNull("patch"));

        JsonNode bad = post("mutate-pods", resource("pod-bad-annotation.json"));
        assertFalse(bad.get("allowed").asBoolean());
        String message = bad.at("/status/message").asText();
        assertTrue(message.contains("k8s.v1.cni.cncf.io/networks") && message.contains("[0].name"), message);
    }

    @Test
    void vmWithoutInterfacesKeepsItsPodNetworkAndGetsFastpathOnes() throws IOException {
        String review = resource("vm-no-interfaces.json");
        JsonNode vm = patched(review, post("mutate-kubevirt", review));
        JsonNode spec = vm.at("/spec/template/spec");
        JsonNode interfaces = spec.at("/domain/devices/interfaces");
        assertEquals(3, interfaces.size());
        assertEquals("default", interfaces.get(0).get("name").asText());
        assertTrue(interfaces.get(0).has("masquerade"));
        assertEquals("dpdk", interfaces.get(1).get("name").asText());
        assertTrue(interfaces.get(1).get("sriov").isObject() && interfaces.get(1).get("sriov").isEmpty());
        assertEquals("vhost", interfaces.get(2).get("name").asText());
        assertEquals("fastpath-vhostuser", interfaces.get(2).at("/binding/name").asText());
        JsonNode networks = spec.get("networks");
        assertTrue(networks.get(0).has("pod"));
        assertEquals("dpdk", networks.get(1).at("/multus/networkName").asText());
        assertEquals("vhost", networks.get(2).at("/multus/networkName").asText());
        assertEquals("root", spec.at("/domain/devices/disks/0/name").asText(), "the rest of the VM is untouched");
        assertFalse(post("mutate-kubevirt", again(review, vm)).hasNonNull("patch"), "idempotent");
    }

    @Test
    void vmWithInterfacesKeepsThemAndAppends() throws IOException {
        String review = resource("vm-with-interfaces.json");
        JsonNode vm = patched(review, post("mutate-kubevirt", review));
        JsonNode interfaces = vm.at("/spec/template/spec/domain/devices/interfaces");
        assertEquals(List.of("default", "mgmt", "dpdk"), names(interfaces));
        assertEquals("02:00:00:00:aa:01", interfaces.get(1).get("macAddress").asText());
        assertEquals(List.of("default", "mgmt", "dpdk"), names(vm.at("/spec/template/spec/networks")));
        assertEquals("mgmt-bridge", vm.at("/spec/template/spec/networks/1/multus/networkName").asText());
    }

    @Test
    void vmiIsEditedInItsOwnSpecAndHonoursAutoattachOff() throws IOException {
        String review = resource("vmi.json");
        JsonNode vmi = patched(review, post("mutate-kubevirt", review));
        assertEquals(List.of("vhost"), names(vmi.at("/spec/domain/devices/interfaces")), "autoattachPodInterface false: no default");
        assertEquals("fastpath-vhostuser", vmi.at("/spec/domain/devices/interfaces/0/binding/name").asText());
        assertEquals("vhost", vmi.at("/spec/networks/0/multus/networkName").asText());
    }

    @Test
    void vmNamingAKernelNetdevAttachmentIsRefused() throws IOException {
        JsonNode response = post("mutate-kubevirt", resource("vm-wrong-type.json"));
        assertFalse(response.get("allowed").asBoolean());
        String message = response.at("/status/message").asText();
        assertTrue(message.contains("fastpath.dev/networks") && message.contains("netdev") && message.contains("sriov"), message);
    }

    @Test
    void networkAttachmentValidation() throws IOException {
        assertTrue(post("validate-networkattachments", resource("na-good.json")).get("allowed").asBoolean());
        assertDenied("validate-networkattachments", "na-unknown-pool.json", "spec.pool", "kpoool");
        assertDenied("validate-networkattachments", "na-driver-mismatch.json", "spec.type", "vfio-pci", "kpool", "web-iavf");
        assertDenied("validate-networkattachments", "na-driver-mismatch-2.json", "spec.type", "iavf", "dpdkpool", "web-vfio");
    }

    @Test
    void nodePolicyValidation() throws IOException {
        assertTrue(post("validate-nodepolicies", resource("np-good.json")).get("allowed").asBoolean());
        assertDenied("validate-nodepolicies", "np-overlap.json", "spec.vfGroups[0].range", "4-11", "ens5f0", "web-iavf");
        assertDenied("validate-nodepolicies", "np-numvfs.json", "spec.numVfs", "100", "64", "web-node-1");
        assertDenied("validate-nodepolicies", "np-driver.json", "spec.vfGroups[0].driver", "kpool", "web-iavf");
        assertTrue(client.resources(NodePolicy.class).withName("web-overlap").get() == null);
    }

    @Test
    void notAnAdmissionReviewIsABadRequest() {
        given().contentType("application/json").body("{\"kind\":\"Pod\"}").post("/admission/mutate-pods")
                .then().statusCode(400);
    }

    private static void assertDenied(String path, String file, String... fragments) throws IOException {
        JsonNode response = post(path, resource(file));
        assertFalse(response.get("allowed").asBoolean(), file);
        assertEquals(422, response.at("/status/code").asInt());
        String message = response.at("/status/message").asText();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), file + ": '" + fragment + "' not in: " + message);
        }
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.get("name").asText()).toList();
    }
}
