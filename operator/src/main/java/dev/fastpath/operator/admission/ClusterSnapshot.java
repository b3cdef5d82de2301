package dev.fastpath.operator.admission;

import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * What the webhooks read from the cluster, straight from the API server: every replica serves webhooks, but only
 * the leader runs informers. Admission of NodePolicies is rare; pods read one NetworkAttachment per network.
 */
public class ClusterSnapshot implements AttachmentLookup {

    private final KubernetesClient client;

    public ClusterSnapshot(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<AttachmentRef> find(String namespace, String name) {
        NetworkAttachment attachment = client.resources(NetworkAttachment.class).inNamespace(namespace).withName(name).get();
        if (attachment == null || attachment.getSpec() == null) {
            return Optional.empty();
        }
        AttachmentType type = attachment.getSpec().getType();
        return Optional.of(new AttachmentRef(namespace, name, type == null ? null : type.toString(),
                attachment.getSpec().getPool()));
    }

    public List<NodePolicy> policies() {
        return client.resources(NodePolicy.class).list().getItems();
    }

    public List<NodeState> nodeStates() {
        return client.resources(NodeState.class).list().getItems();
    }

    public List<Node> nodes() {
        return client.nodes().list().getItems();
    }
}
