package dev.fastpath.nodeagent.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import dev.fastpath.cniplugin.types.CniError;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniVersions;
import dev.fastpath.nodeagent.checkpoint.AttachmentKey;
import dev.fastpath.nodeagent.cni.command.AddCommand;
import dev.fastpath.nodeagent.cni.command.CheckCommand;
import dev.fastpath.nodeagent.cni.command.CommandHandler;
import dev.fastpath.nodeagent.cni.command.DelCommand;
import dev.fastpath.nodeagent.cni.command.GcCommand;
import dev.fastpath.nodeagent.cni.command.StatusCommand;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Request in, response out: parse and validate everything (RequestParser), then the one handler of the
 * command, under the attachment's lock for ADD/DEL/CHECK. Every failure becomes a CNI error answer.
 */
public final class CniDispatcher {
    private final Map<CniCommand, CommandHandler> handlers = new EnumMap<>(CniCommand.class);
    private final KeyedLocks locks;

    public CniDispatcher(CniServices services) {
        this.locks = services.locks();
        handlers.put(CniCommand.ADD, new AddCommand(services));
        handlers.put(CniCommand.DEL, new DelCommand(services));
        handlers.put(CniCommand.CHECK, new CheckCommand(services));
        handlers.put(CniCommand.STATUS, new StatusCommand(services));
        handlers.put(CniCommand.GC, new GcCommand(services));
        handlers.put(CniCommand.VERSION, r -> Optional.of(versionInfo()));
    }

    public AgentResponse dispatch(AgentRequest raw) {
        CniRequest request = null;
        try {
            request = RequestParser.parse(raw);
            CniRequest parsed = request;
            CommandHandler handler = handlers.get(request.command());
            Optional<JsonNode> out = request.command().isPerAttachment()
                    ? locks.withLock(new AttachmentKey(request.containerId(), request.ifname()), () -> handler.handle(parsed))
                    : handler.handle(request);
            return new AgentResponse(0, out.map(CniDispatcher::bytes).orElse(new byte[0]), new byte[0]);
        } catch (CniException e) {
            return error(request, e.code(), e.getMessage(), e.details());
        } catch (RuntimeException e) {
            String context = request == null ? "request" : request.logContext();
            new RequestLog(context).warn("unexpected failure", e);
            return error(request, CniErrorCode.DEVICE_OPERATION_FAILED, "internal error in the fastpath agent: " + e, null);
        }
    }

    /** An error answer: exit code 1, error JSON on stdout, the message also on stderr for the runtime's log. */
    static AgentResponse error(CniRequest request, int code, String msg, String details) {
        String version = request == null || request.netConf() == null ? CniVersions.CURRENT : request.cniVersion();
        byte[] json = bytes(CniJson.MAPPER.valueToTree(new CniError(version, code, msg, details)));
        return new AgentResponse(1, json, ("fastpath: " + msg + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode versionInfo() {
        return CniJson.MAPPER.createObjectNode().put("cniVersion", CniVersions.CURRENT)
                .set("supportedVersions", CniJson.MAPPER.valueToTree(CniVersions.SUPPORTED));
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return CniJson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
