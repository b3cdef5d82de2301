package dev.fastpath.nodeagent.checkpoint;

/** ADD for a (container, ifname) that already has an attachment. */
public final class AttachmentExistsException extends RuntimeException {
    public AttachmentExistsException(AttachmentKey key, String state) {
        super("container " + key.containerId() + " already has an attachment named " + key.ifname() + " (" + state + ")");
    }
}
