package dev.fastpath.operator.nodestate;

import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

import java.util.Objects;

/**
 * Node updates matter only when labels change (nodeSelector) or the UID changes (re-registered node). Kubelet
 * status heartbeats would otherwise reconcile every node every few seconds.
 */
public class NodeLabelsChanged implements OnUpdateFilter<Node> {

    @Override
    public boolean accept(Node newNode, Node oldNode) {
        return !Objects.equals(newNode.getMetadata().getLabels(), oldNode.getMetadata().getLabels())
                || !Objects.equals(newNode.getMetadata().getUid(), oldNode.getMetadata().getUid());
    }
}
