package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
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
     * What this agent serves today: sriov and sriov-dpdk over the given sysfs, vhost-user
     * and kernel on the embedded switch behind {@code switchControl}.
     */
    public static AttachmentHandlers standard(SriovSysfs sysfs, Path switchControl, Path socketsRoot) {
        VfLookup vfs = new VfLookup(sysfs);
        EmbeddedSwitch vswitch = new EmbeddedSwitch(switchControl);
        return new AttachmentHandlers(new SriovDpdkHandler(vfs), new SriovNetdevHandler(vfs),
                new VhostUserHandler(vswitch, switchControl, socketsRoot), new KernelPortHandler(vswitch, switchControl));
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
