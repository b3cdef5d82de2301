package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NodePolicy;
import io.fabric8.kubernetes.api.model.Node;

import java.util.Map;
import java.util.Objects;

/** A NodePolicy's {@code nodeSelector}: every label must be present with that value; empty selects all nodes. */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean selects(NodePolicy policy, Node node) {
        Map<String, String> selector = policy.getSpec() == null ? null : policy.getSpec().getNodeSelector();
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels == null) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }
}
