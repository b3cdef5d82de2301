package dev.fastpath.operator.admission;

import java.util.Optional;

/**
 * Finds the Fastpath NetworkAttachment a workload annotation names. Mutators depend on this seam, not on the
 * cluster, so that they stay pure functions of (object, attachments).
 */
@FunctionalInterface
public interface AttachmentLookup {

    Optional<AttachmentRef> find(String namespace, String name);

    /** What a mutator needs to know about one attachment. {@code pool} is null for switch-port types. */
    record AttachmentRef(String namespace, String name, String type, String pool) {

        public boolean isVf() {
            return "sriov".equals(type) || "sriov-dpdk".equals(type);
        }

        public boolean needsSocket() {
            return "vhost-user".equals(type);
        }
    }
}
