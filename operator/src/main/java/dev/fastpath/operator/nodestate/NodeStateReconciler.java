package dev.fastpath.operator.nodestate;

import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.NodeStateSpec;
import dev.fastpath.operator.observability.ReconcileMetrics;
import dev.fastpath.operator.observability.ReconcileScope;
import dev.fastpath.operator.observability.SpecChanged;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NodePolicy x Node -> one NodeState per node that at least one policy selects. Coordinates only: which policies
 * select the node ({@link NodeSelectors}), what they merge to ({@link PolicyMerger}), whether a disruptive change
 * may start now ({@link Disruption}, {@link RolloutGate}); {@link NodeStateDependent} writes the result.
 *
 * <p>Rollout: the first NodeState of a node is written at once (no workload uses Fastpath devices on it yet).
 * A later disruptive change (numVfs, VF driver) starts only while every contributing policy has fewer than its
 * {@code maxUnavailable} (default: operator config) nodes in a disruptive change; a node
 * waiting for its turn gets the live parts of the change at once and keeps its VF layout, is marked waiting, and
 * is woken when another node finishes (its NodeState reports the generation applied and Ready=True) or after
 * the recheck interval. A node no policy selects any more loses its NodeState; a deleted node's NodeState is
 * garbage-collected through its owner reference.
 */
@ControllerConfiguration(name = NodeStateReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = NodeLabelsChanged.class))
public class NodeStateReconciler implements Reconciler<Node> {

    public static final String NAME = "nodestate";
    private static final Logger LOG = Logger.getLogger(NodeStateReconciler.class);

    private final NodeStateDependent nodeState = new NodeStateDependent();
    private final RolloutGate gate = new RolloutGate();
    private final RolloutSettings rollout;
    private final ReconcileMetrics metrics;
    private InformerEventSource<NodePolicy, Node> policies;
    private InformerEventSource<NodeState, Node> nodeStates;
    private IndexerResourceCache<Node> nodes;

    public NodeStateReconciler(RolloutSettings rollout, ReconcileMetrics metrics) {
        this.rollout = rollout;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, Node>> prepareEventSources(EventSourceContext<Node> context) {
        nodes = context.getPrimaryCache();
        // Any policy change can change any node's merge (selector, priority, ranges): look at every node.
        policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NodePolicy.class, Node.class)
                .withName("policies")
                .withOnUpdateFilter(SpecChanged::accept) // status patches by the policy reconciler change no merge
                .withSecondaryToPrimaryMapper(p -> nodes.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((Node n) -> Set.of())
                .build(), context);
        // A NodeState event wakes its own node, and the nodes waiting for a rollout slot (it may have freed one).
        nodeStates = new InformerEventSource<>(InformerEventSourceConfiguration.from(NodeState.class, Node.class)
                .withName("nodestates")
                .withSecondaryToPrimaryMapper(ns -> {
                    Set<ResourceID> ids = new HashSet<>();
                    ids.add(new ResourceID(ns.getMetadata().getName()));
                    gate.waiting().forEach(n -> ids.add(new ResourceID(n)));
                    return ids;
                })
                .withPrimaryToSecondaryMapper((Node n) -> Set.of(new ResourceID(FastpathResources.nodeStateName(n.getMetadata().getName()))))
                .build(), context);
        nodeState.setEventSource(nodeStates);
        return List.of(policies, nodeStates);
    }

    @Override
    public UpdateControl<Node> reconcile(Node node, Context<Node> context) {
        try (ReconcileScope scope = ReconcileScope.open(metrics, node)) {
            String name = node.getMetadata().getName();
            List<NodePolicy> selecting = policies.list(p -> NodeSelectors.selects(p, node)).toList();
            Optional<NodeState> existing = nodeStates.get(new ResourceID(FastpathResources.nodeStateName(name)));

            if (selecting.isEmpty()) {
                gate.finished(name);
                if (existing.isPresent() && isManaged(existing.get())) {
                    LOG.infof("no NodePolicy selects node %s any more: deleting its NodeState", name);
                    context.getClient().resource(existing.get()).delete();
                    scope.result("nodestate-deleted");
                } else {
                    scope.result("not-selected");
                }
                return UpdateControl.noUpdate();
            }

            var inventory = existing.map(s -> s.getStatus() == null ? null : s.getStatus().getPfs()).orElse(null);
            PolicyMerger.Result merged = PolicyMerger.merge(selecting, inventory);
            NodeStatePlan plan = plan(name, existing, merged.spec(), selecting);
            context.managedWorkflowAndDependentResourceContext().put(NodeStatePlan.CONTEXT_KEY, plan);
            nodeState.reconcile(node, context);
            publishNodeCounts();

            if (gate.waiting().contains(name)) {
                scope.result("waiting-for-rollout-slot");
                return UpdateControl.<Node>noUpdate().rescheduleAfter(rollout.recheckInterval());
            }
            scope.result("reconciled");
            return UpdateControl.noUpdate();
        }
    }

    /** maxUnavailable of each policy contributing to the node (the policy's own, else the operator default). */
    private Map<String, Integer> limits(List<NodePolicy> selecting, NodeStateSpec desired) {
        Map<String, Integer> limits = new HashMap<>();
        List<String> contributors = desired.getPolicies() == null ? List.of() : desired.getPolicies();
        for (NodePolicy policy : selecting) {
            if (contributors.contains(policy.getMetadata().getName())) {
                Integer own = policy.getSpec().getMaxUnavailable();
                limits.put(policy.getMetadata().getName(), own == null ? rollout.maxUnavailable() : own);
            }
        }
        return limits;
    }

    private NodeStatePlan plan(String node, Optional<NodeState> existing, NodeStateSpec desired, List<NodePolicy> selecting) {
        if (existing.isEmpty()) {
            gate.finished(node);
            return new NodeStatePlan(desired, false);
        }
        NodeState current = existing.get();
        boolean pending = NodeStateProgress.disruptionPending(current);
        if (pending && NodeStateProgress.isSynced(current)) {
            LOG.infof("node %s finished its disruptive change", node);
            gate.finished(node);
            pending = false;
        }
        if (!Disruption.isDisruptive(current.getSpec(), desired)) {
            if (!pending) {
                gate.finished(node);
            }
            return new NodeStatePlan(desired, pending);
        }
        if (pending) {
            return new NodeStatePlan(desired, true); // already holds a slot: the newer change rides on it
        }
        if (gate.tryStart(node, limits(selecting, desired), nodeStates.list(), this::nodeExists)) {
            LOG.infof("disruptive change on PFs %s starts on node %s",
                    Disruption.disruptedPfs(current.getSpec(), desired), node);
            return new NodeStatePlan(desired, true);
        }
        LOG.infof("disruptive change on node %s waits for a rollout slot (maxUnavailable per policy %s)", node,
                limits(selecting, desired));
        return new NodeStatePlan(Disruption.holdBack(current.getSpec(), desired), false);
    }

    private boolean nodeExists(String node) {
        return nodes.get(new ResourceID(node)).isPresent();
    }

    private static boolean isManaged(NodeState state) {
        var labels = state.getMetadata().getLabels();
        return labels != null && FastpathResources.MANAGED_BY.equals(labels.get(FastpathResources.MANAGED_BY_LABEL));
    }

    private void publishNodeCounts() {
        int[] counts = new int[2];
        nodeStates.list().forEach(s -> {
            counts[0]++;
            if (NodeStateProgress.isSynced(s)) {
                counts[1]++;
            }
        });
        metrics.nodes(counts[0], counts[1]);
    }

    /** For tests and the bench: nodes currently waiting for a rollout slot. */
    public Set<String> waitingNodes() {
        return gate.waiting();
    }
}
