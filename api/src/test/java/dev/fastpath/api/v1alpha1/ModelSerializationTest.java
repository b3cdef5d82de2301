package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fastpath.api.Conditions;
import dev.fastpath.api.FastpathResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java classes read and write exactly the YAML users write: every good sample and example deserializes into
 * its kind and serializes back to the same object (no field lost, renamed or invented), with wire values such as
 * {@code sriov-dpdk}, {@code 802.1ad} and {@code switch}.
 */
class ModelSerializationTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "NetworkAttachment", NetworkAttachment.class, "NodePolicy", NodePolicy.class, "NodeState", NodeState.class);

    private static List<Path> goodSamples() throws IOException {
        try (Stream<Path> good = Files.list(Path.of("src", "test", "resources", "samples", "good"));
             Stream<Path> examples = Files.list(Path.of("..", "crds", "examples"))) {
            return Stream.concat(good, examples).filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyGoodSampleRoundTripsThroughTheClasses() throws IOException {
        List<Path> samples = goodSamples();
        assertTrue(samples.size() >= 8, "samples: " + samples);
        for (Path sample : samples) {
            String yaml = Files.readString(sample);
            Map<String, Object> original = YAML.readValue(yaml, Map.class);
            Class<? extends HasMetadata> type = KINDS.get((String) original.get("kind"));
            HasMetadata resource = SERIALIZATION.unmarshal(yaml, type);
            assertEquals(type, resource.getClass(), sample.toString());
            Map<String, Object> written = YAML.readValue(SERIALIZATION.asJson(resource), Map.class);
            assertEquals(original, written, sample + " does not survive a round trip through " + type.getSimpleName());
        }
    }

    @Test
    void wireValuesMapToTheEnums() throws IOException {
        NetworkAttachment dpdk = read("networkattachment-sriov-dpdk.yaml", NetworkAttachment.class);
        assertEquals(AttachmentType.SRIOV_DPDK, dpdk.getSpec().getType());
        assertEquals(VlanProto.DOT1AD, dpdk.getSpec().getVlanProto());
        assertEquals("02:00:00:00:00:10", dpdk.getSpec().getMac());
        assertEquals(FastpathResources.API_VERSION, dpdk.getApiVersion());

        NodePolicy policy = read("nodepolicy-xl710.yaml", NodePolicy.class);
        assertEquals(VfDriver.VFIO_PCI, policy.getSpec().getVfGroups().get(1).getDriver());
        assertEquals(31, policy.getSpec().getSwitchConfig().getUplink().getVf());
        assertEquals(SwitchBackend.EMBEDDED, policy.getSpec().getSwitchConfig().getBackend());
        assertEquals(FlowType.TCP4, policy.getSpec().getFlowRules().get(1).getFlowType());
        assertEquals(Boolean.TRUE, policy.getSpec().getFlowRules().get(0).getAction().getDrop());

        NetworkAttachment vhost = read("networkattachment-vhost-user.yaml", NetworkAttachment.class);
        assertEquals(VhostUserMode.SERVER, vhost.getSpec().getVhostUser().getMode());
        assertEquals("static", vhost.getSpec().getIpam().get("type"));
    }

    @Test
    void enumsParseTheirWireValuesAndNameTheAlternatives() {
        assertEquals(AttachmentType.VHOST_USER, AttachmentType.fromWire("vhost-user"));
        assertEquals("802.1q", VlanProto.DOT1Q.wireValue());
        var e = assertThrows(IllegalArgumentException.class, () -> LinkState.fromWire("up"));
        assertEquals("unknown LinkState 'up', expected one of [auto, enable, disable]", e.getMessage());
    }

    @Test
    void buildAStatusAsTheOperatorWill() {
        NodeState state = new NodeState("worker-1", new NodeStateSpec()
                .withPfs(List.of(new PfSpec().withName("ens785f0").withNumVfs(8)
                        .withVfGroups(List.of(new VfGroup().withRange("0-7").withPool("netdev"))))));
        Condition ready = new ConditionBuilder().withType(Conditions.READY).withStatus(Conditions.TRUE)
                .withReason(Conditions.REASON_SYNCED).withObservedGeneration(2L).build();
        state.setStatus(new NodeStateStatus().withObservedGeneration(2L).withConditions(List.of(ready))
                .withVfs(List.of(new VfStatus().withPf("ens785f0").withIndex(0)
                        .withOwner(new VfOwner().withNamespace("ns").withName("pod").withIfname("net1")))));
        assertEquals("worker-1", state.getMetadata().getName());
        state.getStatus().withPfs(List.of(new PfStatus().withName("ens785f0")))
                .withSwitchPorts(List.of(new SwitchPortStatus().withName("p0"), new SwitchPortStatus().withName("p1")))
                .summarize();
        assertEquals(List.of(1, 1, 1, 2), List.of(state.getStatus().getPfCount(), state.getStatus().getVfCount(),
                state.getStatus().getAllocatedVfCount(), state.getStatus().getSwitchPortCount()));
        assertEquals(new FlowAction().withQueue(4), FlowAction.toQueue(4));
        assertEquals(Boolean.TRUE, FlowAction.dropPackets().getDrop());
        assertEquals(7, FlowAction.toVf(7).getVf());
        assertTrue(Conditions.isTrue(state.getStatus().getConditions(), Conditions.READY));
        assertFalse(Conditions.isTrue(state.getStatus().getConditions(), Conditions.DEGRADED));

        NodeState copy = SERIALIZATION.unmarshal(SERIALIZATION.asJson(state), NodeState.class);
        assertEquals(state.getSpec(), copy.getSpec());
        assertEquals(state.getStatus(), copy.getStatus());
        copy.getStatus().getVfs().get(0).getOwner().setIfname("net2");
        assertNotEquals(state.getStatus(), copy.getStatus(), "equals sees a changed owner (status patches compare)");
    }

    private static <T> T read(String example, Class<T> type) throws IOException {
        return SERIALIZATION.unmarshal(Files.readString(Path.of("..", "crds", "examples", example)), type);
    }
}
