package dev.fastpath.operator.nodestate;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.operator.nodepolicy.NodePolicyReconciler;
import dev.fastpath.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.fastpath.operator.testing.Fixtures.agentSettles;
import static dev.fastpath.operator.testing.Fixtures.collectGarbageOf;
import static dev.fastpath.operator.testing.Fixtures.condition;
import static dev.fastpath.operator.testing.Fixtures.create;
import static dev.fastpath.operator.testing.Fixtures.eventually;
import static dev.fastpath.operator.testing.Fixtures.group;
import static dev.fastpath.operator.testing.Fixtures.node;
import static dev.fastpath.operator.testing.Fixtures.nodeState;
import static dev.fastpath.operator.testing.Fixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = MockCluster.class)
class NodeStateReconcilerTest {

    @Inject
    KubernetesClient client;

    private NodePolicy getPolicy(String name) {
        return client.resources(NodePolicy.class).withName(name).get();
    }

    private static PfSpec pf(NodeState state, String name) {
        return state.getSpec().getPfs().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> groups(PfSpec pf) {
        return pf.getVfGroups().stream().map(g -> g.getRange() + ":" + g.getPool()).toList();
    }

    @Test
    void mergesPoliciesByPriorityAndRefusesTheLowerOnesOverlap() {
        node(client, "merge-1", Map.of("fastpath-test", "merge"));
        create(client, policy("merge-high", 10, Map.of("fastpath-test", "merge"), 8, List.of("ens1f0"),
                group("0-7", "alpha", VfDriver.IAVF)));
        create(client, policy("merge-low", 20, Map.of("fastpath-test", "merge"), 16, List.of("ens1f0"),
                group("4-11", "beta", VfDriver.VFIO_PCI), group("12-15", "gamma", VfDriver.VFIO_PCI)));

        eventually(() -> {
            NodeState state = nodeState(client, "merge-1").orElseThrow();
            PfSpec ens = pf(state, "ens1f0");
            assertEquals(16, ens.getNumVfs(), "numVfs is the largest any policy asks for");
            assertEquals(List.of("0-7:alpha", "12-15:gamma"), groups(ens));
            assertEquals("merge-high", ens.getPolicy());
            assertEquals(List.of("merge-high", "merge-low"), state.getSpec().getPolicies());
        });
        eventually(() -> {
            Condition conflict = condition(getPolicy("merge-low"), NodePolicyReconciler.CONFLICT);
            assertNotNull(conflict);
            assertEquals("True", conflict.getStatus());
            assertTrue(conflict.getMessage().contains("4-11") && conflict.getMessage().contains("ens1f0")
                    && conflict.getMessage().contains("merge-high") && conflict.getMessage().contains("merge-1"),
                    conflict.getMessage());
            assertEquals("False", condition(getPolicy("merge-high"), NodePolicyReconciler.CONFLICT).getStatus());
        });

        // Lower number = higher priority: give merge-low priority 5 and it wins the overlap.
        client.resources(NodePolicy.class).withName("merge-low").edit(low -> {
            low.getSpec().setPriority(5);
            return low;
        });
        eventually(() -> {
            PfSpec ens = pf(nodeState(client, "merge-1").orElseThrow(), "ens1f0");
            assertEquals(List.of("4-11:beta", "12-15:gamma"), groups(ens));
            assertEquals("merge-low", ens.getPolicy());
            assertEquals("True", condition(getPolicy("merge-high"), NodePolicyReconciler.CONFLICT).getStatus());
            assertEquals("False", condition(getPolicy("merge-low"), NodePolicyReconciler.CONFLICT).getStatus());
        });
        client.resources(NodePolicy.class).withName("merge-high").delete();
        client.resources(NodePolicy.class).withName("merge-low").delete();
        eventually(() -> assertTrue(nodeState(client, "merge-1").isEmpty(), "no policy selects the node any more"));
    }

    @Test
    void followsNodeLabelsAndLeavesDeletedNodesToTheGarbageCollector() {
        Node node = node(client, "label-1", Map.of("fastpath-test", "label"));
        create(client, policy("label-policy", 50, Map.of("fastpath-test", "label"), 4, List.of("ens2f0"),
                group("0-3", "lbl", VfDriver.IAVF)));
        eventually(() -> assertTrue(nodeState(client, "label-1").isPresent()));
        NodeState state = nodeState(client, "label-1").orElseThrow();
        assertEquals("Node", state.getMetadata().getOwnerReferences().getFirst().getKind());
        assertEquals(node.getMetadata().getUid(), state.getMetadata().getOwnerReferences().getFirst().getUid());

        // Relabel away: the NodeState goes.
        client.nodes().withName("label-1").edit(n -> {
            n.getMetadata().setLabels(new HashMap<>(Map.of("fastpath-test", "elsewhere")));
            return n;
        });
        eventually(() -> assertTrue(nodeState(client, "label-1").isEmpty()));

        // Relabel back: it returns.
        client.nodes().withName("label-1").edit(n -> {
            n.getMetadata().setLabels(new HashMap<>(Map.of("fastpath-test", "label")));
            return n;
        });
        eventually(() -> assertTrue(nodeState(client, "label-1").isPresent()));

        // The node is deleted: its NodeState is owned by it, so the garbage collector removes it.
        Node current = client.nodes().withName("label-1").get();
        client.resource(current).delete();
        eventually(() -> assertTrue(client.nodes().withName("label-1").get() == null));
        assertEquals(1, collectGarbageOf(client, current, client.resources(NodeState.class).list().getItems()));
        eventually(() -> assertTrue(nodeState(client, "label-1").isEmpty()));
        client.resources(NodePolicy.class).withName("label-policy").delete();
    }

    @Test
    void policyStatusCountsMatchedSyncedAndDegradedNodes() {
        node(client, "count-1", Map.of("fastpath-test", "count"));
        node(client, "count-2", Map.of("fastpath-test", "count"));
        node(client, "count-3", Map.of("fastpath-test", "other"));
        create(client, policy("count-policy", 50, Map.of("fastpath-test", "count"), 4, List.of("ens3f0"),
                group("0-3", "cnt", VfDriver.IAVF)));
        eventually(() -> {
            NodePolicy p = getPolicy("count-policy");
            assertNotNull(p.getStatus());
            assertEquals(2, p.getStatus().getMatchedNodes());
            assertEquals(0, p.getStatus().getSyncedNodes());
            assertEquals(Conditions.REASON_SYNCING, condition(p, Conditions.READY).getReason());
        });
        agentSettles(client, "count-1", List.of("ens3f0"));
        NodeState failing = agentSettles(client, "count-2", List.of("ens3f0"));
        failing.getStatus().setLastError("writing sriov_numvfs of ens3f0: EBUSY");
        failing.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.ConditionBuilder()
                .withType(Conditions.READY).withStatus("False").withReason(Conditions.REASON_APPLY_FAILED)
                .withLastTransitionTime("2026-01-01T00:00:00Z").build()));
        client.resource(failing).updateStatus();
        eventually(() -> {
            NodePolicy p = getPolicy("count-policy");
            assertEquals(2, p.getStatus().getMatchedNodes());
            assertEquals(1, p.getStatus().getSyncedNodes());
            assertEquals(1, p.getStatus().getDegradedNodes());
            assertEquals("True", condition(p, Conditions.DEGRADED).getStatus());
            assertEquals(p.getMetadata().getGeneration(), p.getStatus().getObservedGeneration());
        });
        client.resources(NodePolicy.class).withName("count-policy").delete();
    }

    @Test
    void disruptiveChangesRollOutOneNodeAtATimeWhileLiveChangesGoEverywhere() {
        List<String> nodes = List.of("roll-1", "roll-2", "roll-3");
        nodes.forEach(n -> node(client, n, Map.of("fastpath-test", "roll")));
        create(client, policy("roll-policy", 50, Map.of("fastpath-test", "roll"), 8, List.of("ens4f0"),
                group("0-7", "rl", VfDriver.IAVF).withMtu(1500)));
        eventually(() -> nodes.forEach(n -> assertTrue(nodeState(client, n).isPresent())));
        nodes.forEach(n -> agentSettles(client, n, List.of("ens4f0")));

        // One edit with a disruptive part (numVfs 8 -> 16) and a live part (MTU 1500 -> 9000).
        client.resources(NodePolicy.class).withName("roll-policy").edit(policy -> {
            policy.getSpec().setNumVfs(16);
            policy.getSpec().getVfGroups().getFirst().setMtu(9000);
            return policy;
        });

        List<String> order = new ArrayList<>();
        for (int round = 1; round <= nodes.size(); round++) {
            int expected = round;
            eventually(() -> {
                List<NodeState> states = nodes.stream().map(n -> nodeState(client, n).orElseThrow()).toList();
                states.forEach(s -> assertEquals(9000, pf(s, "ens4f0").getVfGroups().getFirst().getMtu(),
                        "the live change reaches every node at once"));
                long changed = states.stream().filter(s -> pf(s, "ens4f0").getNumVfs() == 16).count();
                assertEquals(expected, changed, "nodes with the new numVfs");
                long inFlight = states.stream().filter(NodeStateProgress::isUnavailable).count();
                assertEquals(1, inFlight, "maxUnavailable 1");
            });
            NodeState started = nodes.stream().map(n -> nodeState(client, n).orElseThrow())
                    .filter(NodeStateProgress::isUnavailable).findFirst().orElseThrow();
            assertFalse(order.contains(started.getMetadata().getName()));
            order.add(started.getMetadata().getName());
            agentSettles(client, started.getMetadata().getName(), List.of("ens4f0"));
        }
        eventually(() -> nodes.forEach(n -> assertFalse(NodeStateProgress.disruptionPending(nodeState(client, n).orElseThrow()))));
        assertEquals(3, order.size());
        client.resources(NodePolicy.class).withName("roll-policy").delete();
    }


    @Test
    void aPolicysOwnMaxUnavailableLetsMoreNodesChangeAtOnce() {
        List<String> nodes = List.of("wide-1", "wide-2", "wide-3");
        nodes.forEach(n -> node(client, n, Map.of("fastpath-test", "wide")));
        NodePolicy wide = policy("wide-policy", 50, Map.of("fastpath-test", "wide"), 8, List.of("ens6f0"),
                group("0-7", "wd", VfDriver.IAVF));
        wide.getSpec().setMaxUnavailable(2);
        create(client, wide);
        eventually(() -> nodes.forEach(n -> assertTrue(nodeState(client, n).isPresent())));
        nodes.forEach(n -> agentSettles(client, n, List.of("ens6f0")));

        // numVfs only: the VF driver of index 0-7 stays iavf, the count changes -> disruptive.
        client.resources(NodePolicy.class).withName("wide-policy").edit(p -> {
            p.getSpec().setNumVfs(12);
            return p;
        });
        eventually(() -> {
            List<NodeState> states = nodes.stream().map(n -> nodeState(client, n).orElseThrow()).toList();
            assertEquals(2, states.stream().filter(s -> pf(s, "ens6f0").getNumVfs() == 12).count());
            assertEquals(2, states.stream().filter(NodeStateProgress::isUnavailable).count(), "maxUnavailable 2");
        });
        String first = nodes.stream().filter(n -> NodeStateProgress.isUnavailable(nodeState(client, n).orElseThrow()))
                .findFirst().orElseThrow();
        agentSettles(client, first, List.of("ens6f0"));
        eventually(() -> assertEquals(3, nodes.stream()
                .filter(n -> pf(nodeState(client, n).orElseThrow(), "ens6f0").getNumVfs() == 12).count()));
        client.resources(NodePolicy.class).withName("wide-policy").delete();
    }
}
