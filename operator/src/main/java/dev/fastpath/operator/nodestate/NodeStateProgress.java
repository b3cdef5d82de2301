package dev.fastpath.operator.nodestate;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.NodeState;

/** Reads from a NodeState's status whether its node-agent has applied the current spec. */
public final class NodeStateProgress {

    /** Set by the operator while a disruptive change (numVfs, VF driver) on the node is not finished. */
    public static final String DISRUPTION_ANNOTATION = "fastpath.dev/disruptive-change";

    private NodeStateProgress() {
    }

    /** The agent reports the spec generation it applied and Ready=True for it. */
    public static boolean isSynced(NodeState state) {
        if (state.getStatus() == null || state.getStatus().getObservedGeneration() == null) {
            return false;
        }
        long generation = state.getMetadata().getGeneration() == null ? 0L : state.getMetadata().getGeneration();
        return state.getStatus().getObservedGeneration() >= generation
                && Conditions.isTrue(state.getStatus().getConditions(), Conditions.READY);
    }

    /** The agent reports an error applying the spec. */
    public static boolean isDegraded(NodeState state) {
        if (state.getStatus() == null) {
            return false;
        }
        String error = state.getStatus().getLastError();
        return (error != null && !error.isBlank())
                || Conditions.isTrue(state.getStatus().getConditions(), Conditions.DEGRADED);
    }

    public static boolean disruptionPending(NodeState state) {
        var annotations = state.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(DISRUPTION_ANNOTATION));
    }

    /** Counts against maxUnavailable: a disruptive change was handed to the node and it has not finished. */
    public static boolean isUnavailable(NodeState state) {
        return disruptionPending(state) && !isSynced(state);
    }
}
