package dev.fastpath.cniplugin.types;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of Fastpath attachment, named in the netconf's {@code attachment} field as in NetworkAttachment. */
public enum AttachmentType {
    /** A VF netdev (iavf) moved into the pod. */
    SRIOV("sriov"),
    /** A VF left on vfio-pci for a DPDK application or a VM; only its PCI address is handed over. */
    SRIOV_DPDK("sriov-dpdk"),
    /** A port on the node's vhost-user switch; the workload gets a socket. */
    VHOST_USER("vhost-user"),
    /** A switch port shown to the pod as an ordinary netdev. */
    KERNEL("kernel");

    private final String wireName;

    AttachmentType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean usesVf() {
        return this == SRIOV || this == SRIOV_DPDK;
    }

    public static Optional<AttachmentType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
