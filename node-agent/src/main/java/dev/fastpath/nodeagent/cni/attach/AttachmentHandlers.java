package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
import java.util.EnumMap;
import java.util.Map;

/** The handler for each attachment type. */
public final class AttachmentHandlers {
    private final Map<AttachmentType, AttachmentHandler> byType = new EnumMap<>(AttachmentType.class);

    public AttachmentHandlers(AttachmentHandler... handlers) {
        for (AttachmentType t : AttachmentType.values()) byType.put(t, new UnsupportedAttachmentHandler(t));
        for (AttachmentHandler h : handlers) byType.put(h.type(), h);
    }

    /** What this agent serves today: sriov and sriov-dpdk over the given sysfs; vhost-user/kernel refused clearly. */
    public static AttachmentHandlers standard(SriovSysfs sysfs) {
        VfLookup vfs = new VfLookup(sysfs);
        return new AttachmentHandlers(new SriovDpdkHandler(vfs), new SriovNetdevHandler(vfs));
    }

    public AttachmentHandler forType(AttachmentType type) {
        return byType.get(type);
    }

    /** The handler of a checkpointed attachment. */
    public AttachmentHandler forWireName(String attachment) {
        return AttachmentType.fromWire(attachment).map(byType::get)
                .orElseThrow(() -> new IllegalStateException("checkpoint names unknown attachment type " + attachment));
    }
}
