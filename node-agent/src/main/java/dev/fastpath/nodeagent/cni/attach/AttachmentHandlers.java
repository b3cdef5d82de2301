package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The handler for each attachment type. */
public final class AttachmentHandlers {
    private final Map<AttachmentType, AttachmentHandler> byType = new EnumMap<>(AttachmentType.class);

    public AttachmentHandlers(AttachmentHandler... handlers) {
        for (AttachmentType t : AttachmentType.values()) byType.put(t, new UnsupportedAttachmentHandler(t));
        for (AttachmentHandler h : handlers) byType.put(h.type(), h);
    }

    /**
     * What this agent serves: sriov and sriov-dpdk over the given sysfs, vhost-user and kernel on the node's
     * switch (either backend; Open vSwitch has no kernel ports and refuses them, naming the port type).
     */
    public static AttachmentHandlers standard(SriovSysfs sysfs, NodeSwitch vswitch, Path socketsRoot) {
        VfLookup vfs = new VfLookup(sysfs);
        return new AttachmentHandlers(new SriovDpdkHandler(vfs), new SriovNetdevHandler(vfs),
                new VhostUserHandler(vswitch, socketsRoot), new KernelPortHandler(vswitch));
    }

    /** One handler per type (placeholders included). */
    public java.util.Collection<AttachmentHandler> all() {
        return byType.values();
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
