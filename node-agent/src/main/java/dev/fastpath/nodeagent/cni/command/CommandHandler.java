package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.nodeagent.cni.CniRequest;
import java.util.Optional;

/** One CNI command on a validated request: the JSON to print on success (empty: print nothing), or a CniException. */
public interface CommandHandler {
    Optional<JsonNode> handle(CniRequest request);
}
