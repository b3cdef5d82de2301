package dev.fastpath.cniplugin.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The agent's answer to one CNI invocation: what the shim must write to stdout (result or error JSON),
 * what it must write to stderr (log lines for the runtime), and the exit code it must end with.
 */
public record AgentResponse(int exitCode, byte[] stdout, byte[] stderr) {
    public AgentResponse {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public static AgentResponse of(int exitCode, String stdout) {
        return new AgentResponse(exitCode, stdout.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
