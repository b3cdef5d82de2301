package dev.fastpath.operator.testing;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NicSelector;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodePolicySpec;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.NodeStateStatus;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.PfStatus;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.api.v1alpha1.VfStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds cluster objects for operator tests and plays the parts of the cluster the mock server does not run:
 * the node-agent (writes NodeState status) and the garbage collector (deletes objects whose owner is gone).
 */
public final class Fixtures {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Fixtures() {
    }

    public static void eventually(ThrowingRunnable assertion) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    public static Node node(KubernetesClient client, String name, Map<String, String> labels) {
        return client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    public static VfGroup group(String range, String pool, VfDriver driver) {
        return new VfGroup().withRange(range).withPool(pool).withDriver(driver);
    }

    public static NodePolicy policy(String name, int priority, Map<String, String> nodeSelector, int numVfs,
                                    List<String> pfNames, VfGroup... groups) {
        NodePolicySpec spec = new NodePolicySpec().withPriority(priority).withNodeSelector(nodeSelector)
                .withNicSelector(new NicSelector().withPfNames(pfNames)).withNumVfs(numVfs)
                .withVfGroups(groups.length == 0 ? null : Arrays.asList(groups));
        return new NodePolicy(name, spec);
    }

    public static <T extends HasMetadata> T create(KubernetesClient client, T resource) {
        return client.resource(resource).create();
    }

    public static Optional<NodeState> nodeState(KubernetesClient client, String node) {
        return Optional.ofNullable(client.resources(NodeState.class).withName(node).get());
    }

    /**
     * Plays the node-agent: reports the PFs (with totalVfs 64), one VF per index of the spec's vfGroups with its
     * pool, the generation applied and Ready=True.
     */
    public static NodeState agentApplies(KubernetesClient client, String node, List<String> pfNames) {
        NodeState state = client.resources(NodeState.class).withName(node).get();
        List<PfStatus> pfs = new ArrayList<>();
        for (String pf : pfNames) {
            pfs.add(new PfStatus().withName(pf).withPci("0000:03:00." + pfs.size()).withVendor("8086").withDevice("1583")
                    .withDriver("i40e").withTotalVfs(64)
                    .withNumVfs(numVfs(state, pf)));
        }
        List<VfStatus> vfs = new ArrayList<>();
        if (state.getSpec() != null && state.getSpec().getPfs() != null) {
            for (PfSpec pf : state.getSpec().getPfs()) {
                for (VfGroup group : pf.getVfGroups() == null ? List.<VfGroup>of() : pf.getVfGroups()) {
                    String[] range = group.getRange().split("-");
                    for (int i = Integer.parseInt(range[0]); i <= Integer.parseInt(range[range.length - 1]); i++) {
                        vfs.add(new VfStatus().withPf(pf.getName()).withIndex(i).withPool(group.getPool())
                                .withDriver(group.getDriver() == null ? "iavf" : group.getDriver().toString()));
                    }
                }
            }
        }
        Condition ready = new ConditionBuilder().withType(Conditions.READY).withStatus("True").withReason(Conditions.REASON_SYNCED)
                .withObservedGeneration(state.getMetadata().getGeneration()).withLastTransitionTime("2026-01-01T00:00:00Z").build();
        state.setStatus(new NodeStateStatus().withObservedGeneration(state.getMetadata().getGeneration())
                .withPfs(pfs).withPfCount(pfs.size()).withVfs(vfs).withVfCount(vfs.size()).withConditions(List.of(ready)));
        return client.resource(state).updateStatus();
    }

    /**
     * Plays the agent until the operator stops changing the spec in reaction to the report (the first report adds
     * the PF inventory, which the operator folds back into the spec): the NodeState ends synced.
     */
    public static NodeState agentSettles(KubernetesClient client, String node, List<String> pfNames) {
        NodeState[] last = new NodeState[1];
        eventually(() -> {
            NodeState current = client.resources(NodeState.class).withName(node).get();
            if (current.getStatus() == null || !java.util.Objects.equals(current.getStatus().getObservedGeneration(),
                    current.getMetadata().getGeneration())) {
                current = agentApplies(client, node, pfNames);
            }
            Thread.sleep(300);
            NodeState after = client.resources(NodeState.class).withName(node).get();
            org.junit.jupiter.api.Assertions.assertEquals(current.getMetadata().getGeneration(), after.getMetadata().getGeneration());
            org.junit.jupiter.api.Assertions.assertEquals(after.getMetadata().getGeneration(), after.getStatus().getObservedGeneration());
            last[0] = after;
        });
        return last[0];
    }

    private static Integer numVfs(NodeState state, String pf) {
        if (state.getSpec() == null || state.getSpec().getPfs() == null) {
            return 0;
        }
        return state.getSpec().getPfs().stream().filter(p -> p.getName().equals(pf)).map(PfSpec::getNumVfs)
                .findFirst().orElse(0);
    }

    /** Plays the API server's garbage collector for one owner: deletes what it owned (the mock server has no GC). */
    public static int collectGarbageOf(KubernetesClient client, HasMetadata owner, List<? extends HasMetadata> candidates) {
        int deleted = 0;
        for (HasMetadata candidate : candidates) {
            if (candidate.getMetadata().getOwnerReferences() != null && candidate.getMetadata().getOwnerReferences().stream()
                    .anyMatch(r -> r.getUid().equals(owner.getMetadata().getUid()))) {
                client.resource(candidate).delete();
                deleted++;
            }
        }
        return deleted;
    }

    public static GenericKubernetesResource nad(KubernetesClient client, String namespace, String name) {
        return client.genericKubernetesResources("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")
                .inNamespace(namespace).withName(name).get();
    }

    public static Condition condition(NetworkAttachment attachment, String type) {
        if (attachment == null || attachment.getStatus() == null) {
            return null;
        }
        return Conditions.find(attachment.getStatus().getConditions(), type).orElse(null);
    }

    public static Condition condition(NodePolicy policy, String type) {
        if (policy == null || policy.getStatus() == null) {
            return null;
        }
        return Conditions.find(policy.getStatus().getConditions(), type).orElse(null);
    }
}
