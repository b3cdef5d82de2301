package dev.fastpath.operator.multus;

import java.util.Objects;

/**
 * One entry of a pod's {@code k8s.v1.cni.cncf.io/networks} annotation: which NetworkAttachmentDefinition
 * (by name, optionally in another namespace) and, when the user chose one, the interface name in the pod.
 */
public record NetworkSelection(String name, String namespace, String interfaceName) {

    public NetworkSelection {
        Objects.requireNonNull(name, "name");
    }

    /** The namespace the selection refers to: its own, or the pod's when the user wrote none. */
    public String namespaceOr(String podNamespace) {
        return namespace == null || namespace.isBlank() ? podNamespace : namespace;
    }
}
