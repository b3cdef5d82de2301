package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NodeStateSpec;

/**
 * What the reconciler decided for one node, handed to {@link NodeStateDependent#desired}: the spec to write
 * and whether a disruptive change is in flight on the node.
 */
public record NodeStatePlan(NodeStateSpec spec, boolean disruptionPending) {

    static final String CONTEXT_KEY = NodeStatePlan.class.getName();
}
