package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.CniServices;
import dev.fastpath.nodeagent.cni.attach.AttachmentHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CHECK: the attachment must be in the checkpoint as ADD left it, the prevResult must list its interface,
 * the device must still look right (handler), the device-info file must exist, and IPAM must agree (IPAM CHECK).
 */
public final class CheckCommand implements CommandHandler {
    private final CniServices services;

    public CheckCommand(CniServices services) {
        this.services = services;
    }

    @Override
    public Optional<JsonNode> handle(CniRequest request) {
        AttachmentRecord record = services.checkpoint().find(AddCommand.key(request)).orElseThrow(() -> new CniException(
                CniErrorCode.ATTACHMENT_NOT_FOUND, "no attachment " + request.ifname() + " for container " + request.containerId()));
        if (record.isAdding()) {
            throw new CniException(CniErrorCode.ATTACHMENT_NOT_FOUND, "attachment " + record.key() + " is still being added (or its ADD crashed)");
        }
        JsonNode prev = request.netConf().prevResult();
        if (prev != null && !prev.isNull()) {
            boolean listed = false;
            for (JsonNode iface : prev.path("interfaces")) listed |= request.ifname().equals(iface.path("name").asText());
            if (!listed) throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "prevResult does not list interface " + request.ifname());
        }
        AttachmentHandler handler = services.handlers().forWireName(record.attachment());
        handler.check(record, request);
        if (handler.publishesDeviceInfo() && record.deviceInfoFile() != null && !Files.exists(Path.of(record.deviceInfoFile()))) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "device-info file " + record.deviceInfoFile() + " is missing");
        }
        if (request.netConf().ipamType() != null) services.ipam().check(AddCommand.invocation(request));
        return Optional.empty();
    }
}
