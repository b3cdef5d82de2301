package dev.fastpath.operator.nodestate;

import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.NodeState;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The NodeState of one node: name = node name, owned by the Node (the API server's garbage collector deletes it
 * with the node), spec = the plan the reconciler put into the context. {@link #desired} does no lookups.
 */
public class NodeStateDependent extends KubernetesDependentResource<NodeState, Node>
        implements Creator<NodeState, Node>, Updater<NodeState, Node>, GarbageCollected<Node> {

    public NodeStateDependent() {
        super(NodeState.class);
    }

    @Override
    protected NodeState desired(Node node, Context<Node> context) {
        NodeStatePlan plan = context.managedWorkflowAndDependentResourceContext()
                .getMandatory(NodeStatePlan.CONTEXT_KEY, NodeStatePlan.class);
        return desiredFor(node, plan);
    }

    public static NodeState desiredFor(Node node, NodeStatePlan plan) {
        NodeState state = new NodeState(node.getMetadata().getName(), plan.spec());
        state.getMetadata().setLabels(FastpathResources.nodeStateLabels(node.getMetadata().getName()));
        state.getMetadata().setAnnotations(Map.of(NodeStateProgress.DISRUPTION_ANNOTATION,
                Boolean.toString(plan.disruptionPending())));
        return state;
    }

    @Override
    public Matcher.Result<NodeState> match(NodeState actual, Node primary, Context<Node> context) {
        NodeState desired = desired(primary, context);
        boolean same = Objects.equals(actual.getSpec(), desired.getSpec())
                && NodeStateProgress.disruptionPending(actual) == NodeStateProgress.disruptionPending(desired)
                && containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels());
        return Matcher.Result.computed(same, desired);
    }

    /** Writes spec, our labels and the annotation onto the live object; status is the agent's and untouched. */
    @Override
    public NodeState update(NodeState actual, NodeState desired, Node primary, Context<Node> context) {
        NodeState next = context.getClient().getKubernetesSerialization().clone(actual);
        ObjectMeta meta = next.getMetadata();
        meta.setLabels(merged(meta.getLabels(), desired.getMetadata().getLabels()));
        meta.setAnnotations(merged(meta.getAnnotations(), desired.getMetadata().getAnnotations()));
        if (meta.getOwnerReferences() == null || meta.getOwnerReferences().stream()
                .noneMatch(r -> Objects.equals(r.getUid(), primary.getMetadata().getUid()))) {
            next.addOwnerReference(primary);
        }
        next.setSpec(desired.getSpec());
        return context.getClient().resource(next).update();
    }

    private static boolean containsAll(Map<String, String> actual, Map<String, String> wanted) {
        return actual != null && wanted.entrySet().stream().allMatch(e -> Objects.equals(actual.get(e.getKey()), e.getValue()));
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> ours) {
        Map<String, String> result = base == null ? new HashMap<>() : new LinkedHashMap<>(base);
        result.putAll(ours);
        return result;
    }
}
