package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.RequestLog;
import java.util.List;
import java.util.function.Supplier;

/**
 * One kind of attachment (sriov, sriov-dpdk, vhost-user, kernel). The ADD command calls {@link #validate}
 * before anything changes, then {@link #add}; on any later failure, and on DEL/GC/crash recovery, it calls
 * {@link #del} with the checkpoint record, which holds what {@link AttachContext#saveOriginal} recorded.
 */
public interface AttachmentHandler {
    AttachmentType type();

    /** Checks that this node can serve the request (device exists, right driver, ...); throws a CniException. */
    void validate(CniRequest request);

    /** Makes the attachment; records the original state through the context BEFORE changing anything. */
    AttachOutcome add(AttachContext context);

    /**
     * Undoes the attachment from its record, restoring what was saved. Idempotent: things already gone are
     * fine (pod namespace deleted, device vanished). Throws only when something present cannot be restored.
     */
    void del(AttachmentRecord record);

    /**
     * Whether ADD publishes an NPWG device-info file (pci, vhost-user). A kernel netdev has no device-info type:
     * its outcome carries none and CHECK does not look for one.
     */
    default boolean publishesDeviceInfo() {
        return true;
    }

    /**
     * Removes what this type made that no checkpoint entry names any more (switch ports left by a DEL while the
     * switch was down); called at agent start, before requests are served. Returns how many were removed.
     */
    default int removeOrphans(Supplier<List<AttachmentRecord>> records, RequestLog log) {
        return 0;
    }

    /** CHECK: throws a CniException (ATTACHMENT_DRIFTED) when the attachment no longer looks as ADD left it. */
    void check(AttachmentRecord record, CniRequest request);
}
