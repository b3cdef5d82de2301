package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.CniServices;
import dev.fastpath.nodeagent.cni.RequestLog;
import java.util.Optional;

/**
 * DEL: idempotent and never failing because state is already gone. With a checkpoint entry, undo it
 * (device, IPAM, device-info, entry); without one (repeated DEL, ADD that failed, state lost), still ask
 * IPAM to release whatever it holds for (container, ifname) and remove a device-info file at the usual path.
 * It fails only when something that exists cannot be restored, keeping the entry so the retry can finish.
 */
public final class DelCommand implements CommandHandler {
    private final CniServices services;
    private final AttachmentTeardown teardown;

    public DelCommand(CniServices services) {
        this.services = services;
        this.teardown = new AttachmentTeardown(services);
    }

    @Override
    public Optional<JsonNode> handle(CniRequest request) {
        RequestLog log = RequestLog.of(request);
        Optional<AttachmentRecord> record = services.checkpoint().find(AddCommand.key(request));
        try {
            if (record.isPresent()) {
                teardown.teardown(record.get(), log);
            } else {
                log.info("no checkpoint entry: releasing IPAM and device-info only");
                if (request.netConf().ipamType() != null) services.ipam().del(AddCommand.invocation(request));
                services.deviceInfo().delete(services.deviceInfo().pathFor(request).toString());
            }
        } catch (CniException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "DEL could not finish (will succeed on retry once possible): " + e.getMessage(), e.toString(), e);
        }
        return Optional.empty();
    }
}
