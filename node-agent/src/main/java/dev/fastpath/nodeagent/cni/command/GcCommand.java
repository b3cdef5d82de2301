package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.ValidAttachment;
import dev.fastpath.nodeagent.checkpoint.AttachmentKey;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.CniServices;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.cni.ipam.IpamDelegate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GC: every attachment of this network that is not in {@code cni.dev/valid-attachments} is torn down;
 * errors do not stop the sweep (they are reported together at the end). Then GC goes to IPAM when it
 * knows GC.
 */
public final class GcCommand implements CommandHandler {
    private final CniServices services;
    private final AttachmentTeardown teardown;

    public GcCommand(CniServices services) {
        this.services = services;
        this.teardown = new AttachmentTeardown(services);
    }

    @Override
    public Optional<JsonNode> handle(CniRequest request) {
        RequestLog log = RequestLog.of(request);
        List<ValidAttachment> valid = request.netConf().validAttachments();
        if (valid == null) throw CniException.invalidConfig("GC without \"cni.dev/valid-attachments\"");
        Set<AttachmentKey> keep = valid.stream().map(v -> new AttachmentKey(v.containerID(), v.ifname())).collect(Collectors.toSet());
        List<String> failures = new ArrayList<>();
        for (AttachmentRecord record : services.checkpoint().all()) {
            if (!request.networkName().equals(record.network()) || keep.contains(record.key())) continue;
            try {
                services.locks().withLock(record.key(), () -> {
                    services.checkpoint().find(record.key()).ifPresent(current -> teardown.teardown(current, log));
                    return null;
                });
            } catch (RuntimeException e) {
                failures.add(record.key() + ": " + e.getMessage());
                log.warn("GC of " + record.key() + " failed", e);
            }
        }
        if (request.netConf().ipamType() != null) {
            try {
                services.ipam().gc(new IpamDelegate.Invocation(request.netConf().ipamType(), request.cniPath(), null, null, null, null, request.config()));
            } catch (RuntimeException e) {
                failures.add("IPAM GC: " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "GC left " + failures.size() + " attachment(s) for a later run", String.join("; ", failures));
        }
        return Optional.empty();
    }
}
