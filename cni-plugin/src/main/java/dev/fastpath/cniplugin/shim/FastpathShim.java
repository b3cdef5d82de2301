package dev.fastpath.cniplugin.shim;

import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code fastpath} CNI binary (installed as /opt/cni/bin/fastpath through the launcher script): a thin
 * shim that forwards the CNI environment and stdin to the node agent and relays its answer. It answers
 * VERSION itself, and decides alone what an unreachable agent means for each command:
 * ADD/CHECK fail with code 11 (try again later), DEL/GC succeed (the agent's garbage collection cleans up),
 * STATUS reports code 50 (not available).
 */
public final class FastpathShim {
    public static final String DEFAULT_AGENT_SOCKET = "/run/fastpath/agent.sock";
    public static final String AGENT_SOCKET_ENV = "FASTPATH_AGENT_SOCKET";
    /** Network config key naming the agent socket. */
    public static final String AGENT_SOCKET_KEY = "agentSocket";
    private static final int MAX_STDIN_BYTES = 8 * 1024 * 1024;

    private FastpathShim() {}

    public static void main(String[] args) throws IOException {
        int code = run(System.getenv(), System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // halt, not exit: System.exit logs through System.Logger (JDK 17+), which loads java.logging and
        // costs ~9 ms of a ~30 ms process here. The shim registers no shutdown hooks and has flushed its output.
        Runtime.getRuntime().halt(code);
    }

    /** One CNI invocation; returns the process exit code. */
    public static int run(Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        String command = env.get("CNI_COMMAND");
        byte[] config;
        try {
            // Read stdin even for VERSION: a runtime may treat a plugin that never reads it as broken (EPIPE).
            config = readLimited(stdin);
        } catch (IOException e) {
            return fail(stdout, CniVersions.CURRENT, CniErrorCode.IO_FAILURE, "cannot read the network config from stdin", e.getMessage());
        }
        if ("VERSION".equals(command)) {
            stdout.print(ShimJson.versionResult());
            return 0;
        }
        String configText = new String(config, StandardCharsets.UTF_8);
        String cniVersion = ShimJson.cniVersionOf(configText);
        if (command == null || command.isEmpty()) {
            return fail(stdout, cniVersion, CniErrorCode.INVALID_ENVIRONMENT, "CNI_COMMAND is not set", null);
        }
        if (!isKnownCommand(command)) {
            return fail(stdout, cniVersion, CniErrorCode.INVALID_ENVIRONMENT,
                    "CNI_COMMAND=" + command + " is not one of ADD, DEL, CHECK, STATUS, GC, VERSION", null);
        }

        Path socket = agentSocket(configText, env);
        AgentResponse response;
        try {
            response = AgentConnection.exchange(socket, new AgentRequest(cniEnvironment(env), config));
        } catch (AgentConnection.UnreachableException e) {
            return agentUnreachable(command, socket, e.getMessage(), cniVersion, stdout, stderr);
        } catch (IOException e) {
            // The agent took the request and vanished (crash, restart) or spoke nonsense: the outcome is
            // unknown, so every command asks the runtime to retry, DEL included (its retry is safe).
            int code = "STATUS".equals(command) ? CniErrorCode.PLUGIN_NOT_AVAILABLE : CniErrorCode.TRY_AGAIN_LATER;
            return fail(stdout, cniVersion, code, "fastpath agent at " + socket + " failed before answering " + command, e.getMessage());
        }
        stdout.write(response.stdout(), 0, response.stdout().length);
        stderr.write(response.stderr(), 0, response.stderr().length);
        return response.exitCode();
    }

    private static int agentUnreachable(String command, Path socket, String reason, String cniVersion, PrintStream stdout, PrintStream stderr) {
        String msg = "fastpath agent unreachable at " + socket;
        switch (command) {
            case "DEL", "GC" -> {
                // kubelet retries a failing DEL forever; the agent reconciles its checkpoint when it is back.
                stderr.println("fastpath: " + msg + " (" + reason + "); " + command + " left to the agent's garbage collection");
                return 0;
            }
            case "STATUS" -> {
                return fail(stdout, cniVersion, CniErrorCode.PLUGIN_NOT_AVAILABLE, msg, reason);
            }
            default -> {
                return fail(stdout, cniVersion, CniErrorCode.TRY_AGAIN_LATER, msg, reason);
            }
        }
    }

    private static int fail(PrintStream stdout, String cniVersion, int code, String msg, String details) {
        stdout.print(ShimJson.error(cniVersion, code, msg, details));
        return 1;
    }

    private static boolean isKnownCommand(String command) {
        return switch (command) {
            case "ADD", "DEL", "CHECK", "STATUS", "GC", "VERSION" -> true;
            default -> false;
        };
    }

    /** Only the CNI variables travel to the agent: the rest of the runtime's environment is none of its business. */
    private static Map<String, String> cniEnvironment(Map<String, String> env) {
        Map<String, String> cni = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("CNI_")) cni.put(k, v);
        });
        return cni;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_STDIN_BYTES + 1);
        if (bytes.length > MAX_STDIN_BYTES) throw new IOException("stdin is larger than " + MAX_STDIN_BYTES + " bytes");
        return bytes;
    }

    /**
     * Where the agent listens: the network config's {@code agentSocket} (what an install with a non-default
     * path puts in its NetworkAttachmentDefinitions: kubelet passes no environment of ours), else
     * FASTPATH_AGENT_SOCKET (tests, manual runs), else /run/fastpath/agent.sock.
     */
    static Path agentSocket(String config, Map<String, String> env) {
        String fromConfig = ShimJson.topLevelString(config, AGENT_SOCKET_KEY);
        return Path.of(nonEmpty(fromConfig, nonEmpty(env.get(AGENT_SOCKET_ENV), DEFAULT_AGENT_SOCKET)));
    }

    private static String nonEmpty(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
