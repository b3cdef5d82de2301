package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.nodeagent.cni.CniRequest;
import java.util.function.Consumer;

/**
 * What a handler's ADD gets: the validated request, the IPAM result (null without IPAM), and a way to make
 * the original state durable in the checkpoint before touching the device.
 */
public final class AttachContext {
    private final CniRequest request;
    private final CniResult ipam;
    private final Consumer<ObjectNode> checkpointWriter;

    public AttachContext(CniRequest request, CniResult ipam, Consumer<ObjectNode> checkpointWriter) {
        this.request = request;
        this.ipam = ipam;
        this.checkpointWriter = checkpointWriter;
    }

    public CniRequest request() {
        return request;
    }

    public CniResult ipam() {
        return ipam;
    }

    /** Writes the handler's saved state into the attachment's checkpoint record (fsynced before return). */
    public void saveOriginal(ObjectNode saved) {
        checkpointWriter.accept(saved);
    }
}
