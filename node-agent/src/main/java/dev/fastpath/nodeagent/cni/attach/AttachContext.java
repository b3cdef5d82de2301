package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.ipam.PendingIpam;
import java.util.function.Consumer;

/**
 * What a handler's ADD gets: the validated request, the IPAM result (null without IPAM), and a way to make
 * the original state durable in the checkpoint before touching the device.
 *
 * <p>Handlers ask for {@link #ipam()} once the interface is in the pod and up: an address-store plugin has
 * been running meanwhile, any other (dhcp) runs then (see {@link PendingIpam}).
 */
public final class AttachContext {
    private final CniRequest request;
    private final PendingIpam ipam;
    private final Consumer<ObjectNode> checkpointWriter;

    public AttachContext(CniRequest request, PendingIpam ipam, Consumer<ObjectNode> checkpointWriter) {
        this.request = request;
        this.ipam = ipam;
        this.checkpointWriter = checkpointWriter;
    }

    public CniRequest request() {
        return request;
    }

    /** The IPAM result, running or waiting for the plugin; null without IPAM. Throws what IPAM failed with. */
    public CniResult ipam() {
        return ipam.result();
    }

    /** Writes the handler's saved state into the attachment's checkpoint record (fsynced before return). */
    public void saveOriginal(ObjectNode saved) {
        checkpointWriter.accept(saved);
    }
}
