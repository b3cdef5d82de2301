package dev.fastpath.nodeagent.checkpoint;

/** The VF is already held by another attachment: one VF is never given to two. */
public final class DeviceInUseException extends RuntimeException {
    private final AttachmentKey holder;

    public DeviceInUseException(String deviceId, AttachmentKey holder) {
        super("VF " + deviceId + " is already attached to container " + holder.containerId() + " as " + holder.ifname());
        this.holder = holder;
    }

    public AttachmentKey holder() {
        return holder;
    }
}
