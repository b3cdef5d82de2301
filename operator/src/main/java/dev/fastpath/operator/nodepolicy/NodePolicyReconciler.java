package dev.fastpath.operator.nodepolicy;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodePolicyStatus;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.operator.nodestate.NodeStateProgress;
import dev.fastpath.operator.nodestate.PolicyMerger;
import dev.fastpath.operator.observability.ReconcileMetrics;
import dev.fastpath.operator.observability.ReconcileScope;
import dev.fastpath.operator.status.StatusAggregator;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * NodePolicy status: how many nodes it configures (its name is in their NodeState {@code spec.policies}), how
 * many of those applied their spec (synced) or report an error (degraded), and whether any of its vfGroups is
 * refused on some node because a higher-priority policy holds an overlapping VF range on the same PF
 * (condition {@code VfRangeConflict} naming the other policy and the PF).
 */
@ControllerConfiguration(name = NodePolicyReconciler.NAME)
public class NodePolicyReconciler implements Reconciler<NodePolicy> {

    public static final String NAME = "nodepolicy";
    public static final String CONFLICT = "VfRangeConflict";
    public static final String REASON_CONFLICT = "OverlapsHigherPriorityPolicy";
    public static final String REASON_NO_CONFLICT = "NoConflict";
    static final String POLICY_INDEX = "policy";

    private final ReconcileMetrics metrics;
    private InformerEventSource<NodeState, NodePolicy> nodeStates;

    public NodePolicyReconciler(ReconcileMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, NodePolicy>> prepareEventSources(EventSourceContext<NodePolicy> context) {
        IndexerResourceCache<NodePolicy> policies = context.getPrimaryCache();
        nodeStates = new InformerEventSource<>(InformerEventSourceConfiguration.from(NodeState.class, NodePolicy.class)
                .withName("nodestates")
                .withOnUpdateFilter(NodePolicyReconciler::countsOrMergeInputsChanged)
                .withSecondaryToPrimaryMapper(ns -> {
                    // Stateless (JOSDK may call it more than once per event): the node's contributors, plus any
                    // policy whose published count no longer matches the index (it lost or gained this node).
                    Set<ResourceID> wake = new HashSet<>();
                    contributors(ns).forEach(n -> wake.add(new ResourceID(n)));
                    policies.list(p -> p.getStatus() == null || !Objects.equals(p.getStatus().getMatchedNodes(),
                                    nodeStates.byIndex(POLICY_INDEX, p.getMetadata().getName()).size()))
                            .forEach(p -> wake.add(ResourceID.fromResource(p)));
                    return wake;
                })
                .withPrimaryToSecondaryMapper((NodePolicy p) -> Set.of())
                .build(), context);
        nodeStates.addIndexers(Map.of(POLICY_INDEX, ns -> ns.getSpec() == null || ns.getSpec().getPolicies() == null
                ? List.of() : ns.getSpec().getPolicies()));
        return List.of(nodeStates);
    }

    @Override
    public UpdateControl<NodePolicy> reconcile(NodePolicy policy, Context<NodePolicy> context) {
        try (ReconcileScope scope = ReconcileScope.open(metrics, policy)) {
            String name = policy.getMetadata().getName();
            List<NodeState> configured = nodeStates.byIndex(POLICY_INDEX, name);
            int synced = (int) configured.stream().filter(NodeStateProgress::isSynced).count();
            int degraded = (int) configured.stream().filter(NodeStateProgress::isDegraded).count();

            Map<String, NodePolicy> byName = new LinkedHashMap<>();
            context.getPrimaryCache().list().forEach(p -> byName.put(p.getMetadata().getName(), p));
            Map<String, TreeSet<String>> refusals = new LinkedHashMap<>(); // message -> nodes
            for (NodeState state : configured) {
                List<NodePolicy> contributors = new ArrayList<>();
                for (String contributor : state.getSpec().getPolicies()) {
                    NodePolicy p = contributor.equals(name) ? policy : byName.get(contributor);
                    if (p != null) {
                        contributors.add(p);
                    }
                }
                var inventory = state.getStatus() == null ? null : state.getStatus().getPfs();
                for (PolicyMerger.Refusal refusal : PolicyMerger.merge(contributors, inventory).refusals()) {
                    if (refusal.policy().equals(name)) {
                        refusals.computeIfAbsent(refusal.message(), k -> new TreeSet<>()).add(state.getMetadata().getName());
                    }
                }
            }

            NodePolicyStatus previous = policy.getStatus();
            StatusAggregator status = StatusAggregator.forGeneration(policy.getMetadata().getGeneration(),
                    previous == null ? null : previous.getConditions());
            if (configured.isEmpty()) {
                status.condition(Conditions.READY, false, Conditions.REASON_NO_MATCHING_NODES,
                        "no node matches spec.nodeSelector and spec.nicSelector");
            } else if (synced == configured.size()) {
                status.condition(Conditions.READY, true, Conditions.REASON_SYNCED,
                        synced + " of " + configured.size() + " nodes applied their NodeState");
            } else {
                status.condition(Conditions.READY, false, Conditions.REASON_SYNCING,
                        synced + " of " + configured.size() + " nodes applied their NodeState");
            }
            status.condition(Conditions.DEGRADED, degraded > 0, degraded > 0 ? Conditions.REASON_APPLY_FAILED : "NoErrors",
                    degraded + " node(s) report an error applying their NodeState");
            if (refusals.isEmpty()) {
                status.condition(CONFLICT, false, REASON_NO_CONFLICT, "no VF range of this policy is refused");
            } else {
                String message = refusals.entrySet().stream()
                        .map(e -> e.getKey() + " (refused on nodes " + abbreviate(e.getValue()) + ")")
                        .collect(Collectors.joining("; "));
                status.condition(CONFLICT, true, REASON_CONFLICT, message);
            }
            NodePolicyStatus next = new NodePolicyStatus()
                    .withObservedGeneration(status.observedGeneration())
                    .withMatchedNodes(configured.size()).withSyncedNodes(synced).withDegradedNodes(degraded)
                    .withConditions(status.conditions());
            if (!StatusAggregator.changed(previous, next)) {
                scope.result("unchanged");
                return UpdateControl.noUpdate();
            }
            policy.setStatus(next);
            scope.result("status-patched");
            return UpdateControl.patchStatus(policy);
        }
    }

    private static List<String> contributors(NodeState state) {
        return state.getSpec() == null || state.getSpec().getPolicies() == null ? List.of() : List.copyOf(state.getSpec().getPolicies());
    }

    /** Agent heartbeats that change neither the counts nor the merge inputs (spec, PF inventory) wake no policy. */
    static boolean countsOrMergeInputsChanged(NodeState now, NodeState before) {
        return !Objects.equals(now.getSpec(), before.getSpec())
                || NodeStateProgress.isSynced(now) != NodeStateProgress.isSynced(before)
                || NodeStateProgress.isDegraded(now) != NodeStateProgress.isDegraded(before)
                || !Objects.equals(now.getStatus() == null ? null : now.getStatus().getPfs(),
                before.getStatus() == null ? null : before.getStatus().getPfs());
    }

    private static String abbreviate(TreeSet<String> nodes) {
        List<String> shown = nodes.stream().limit(5).toList();
        String text = String.join(", ", shown);
        return nodes.size() > shown.size() ? text + " and " + (nodes.size() - shown.size()) + " more" : text;
    }

}
