package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniServices;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.cni.ipam.IpamDelegate;
import java.nio.file.Path;
import java.util.List;

/**
 * Undoes one checkpointed attachment in reverse order of ADD: device (handler), addresses (IPAM DEL),
 * device-info file, and last the checkpoint entry, so a failure part-way leaves the entry for a retry.
 * Used by DEL, GC, ADD's undo and crash recovery.
 */
public final class AttachmentTeardown {
    private final CniServices services;

    public AttachmentTeardown(CniServices services) {
        this.services = services;
    }

    public void teardown(AttachmentRecord record, RequestLog log) {
        services.handlers().forWireName(record.attachment()).del(record);
        releaseAddresses(record);
        services.deviceInfo().delete(record.deviceInfoFile());
        services.checkpoint().remove(record.key());
        log.info("attachment " + record.key() + " (" + record.attachment() + (record.deviceId() == null ? "" : " " + record.deviceId()) + ") removed");
    }

    void releaseAddresses(AttachmentRecord record) {
        ObjectNode config = record.config();
        if (config == null || !config.hasNonNull("ipam")) return;
        String type = config.path("ipam").path("type").asText(null);
        if (type == null) return;
        List<Path> cniPath = record.cniPath() == null ? List.of() : record.cniPath().stream().map(Path::of).toList();
        services.ipam().del(new IpamDelegate.Invocation(type, cniPath, record.containerId(), record.netns(), record.ifname(), record.cniArgs(), config));
    }
}
