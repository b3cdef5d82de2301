package dev.fastpath.cniplugin.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * One CNI invocation as the shim saw it: the CNI environment variables (only the {@code CNI_*} ones are
 * forwarded) and the raw bytes the runtime wrote to the plugin's stdin.
 */
public record AgentRequest(Map<String, String> env, byte[] stdin) {
    public AgentRequest {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(stdin, "stdin");
    }

    /** The value of one environment variable, or null when the runtime did not set it. */
    public String envValue(String name) {
        return env.get(name);
    }
}
