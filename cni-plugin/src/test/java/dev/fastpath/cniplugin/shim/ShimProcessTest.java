package dev.fastpath.cniplugin.shim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim as a real process (java with this module's classes, a kubelet-like environment and stdin).
 * The agent side here is a listener in the test JVM that records what arrived and answers what the test
 * says; the real agent is exercised end to end in node-agent's tests.
 */
class ShimProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"cniVersion":"1.0.0","name":"net-a","type":"fastpath","attachment":"sriov-dpdk","ipam":{"type":"host-local"}}""";

    /** Own threads: the common pool has one thread on a 2-core machine and a blocked accept() would starve it. */
    private static final java.util.concurrent.Executor IO = r -> Thread.ofVirtual().start(r);

    @TempDir Path tmp;

    record Run(int exit, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private Run shim(String command, Path socket, String stdin, String... jvmOptions) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FastpathShim.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "c0ffee");
        env.put("CNI_NETNS", "/var/run/netns/shimtest");
        env.put("CNI_IFNAME", "net1");
        env.put("CNI_PATH", "/opt/cni/bin:/usr/lib/cni");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=p");
        env.put("KUBELET_SECRET", "not for the agent");
        env.put(FastpathShim.AGENT_SOCKET_ENV, socket.toString());
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), IO);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), IO);
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "shim did not finish");
        return new Run(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Serves exactly one connection with the given behaviour; returns what it received. */
    private CompletableFuture<AgentRequest> agentOnce(Path socket, Function<AgentRequest, AgentResponse> answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel peer = server.accept()) {
                AgentRequest request = AgentProtocol.readRequest(Channels.newInputStream(peer));
                AgentResponse response = answer.apply(request);
                if (response != null) AgentProtocol.writeResponse(Channels.newOutputStream(peer), response);
                return request;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, IO);
    }

    @Test
    void versionIsAnsweredLocally() throws Exception {
        Run run = shim("VERSION", tmp.resolve("absent.sock"), "{\"cniVersion\":\"1.0.0\"}");
        assertEquals(0, run.exit());
        assertEquals("1.1.0", run.json().get("cniVersion").asText());
        assertEquals("[\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]", run.json().get("supportedVersions").toString());
    }

    @Test
    void unreachableAgentMeansRetryForAddAndCheckSuccessForDelAndGcUnavailableForStatus() throws Exception {
        Path socket = tmp.resolve("agent.sock");
        for (String command : List.of("ADD", "CHECK")) {
            Run run = shim(command, socket, CONFIG);
            assertEquals(1, run.exit(), command);
            assertEquals(11, run.json().get("code").asInt(), command);
            assertTrue(run.json().get("msg").asText().contains(socket.toString()), run.stdout());
            assertEquals("1.0.0", run.json().get("cniVersion").asText(), "echoes the request's cniVersion");
        }
        for (String command : List.of("DEL", "GC")) {
            Run run = shim(command, socket, CONFIG);
            assertEquals(0, run.exit(), command + ": " + run.stdout());
            assertEquals("", run.stdout(), command);
            assertTrue(run.stderr().contains(socket.toString()), run.stderr());
        }
        Run status = shim("STATUS", socket, CONFIG);
        assertEquals(1, status.exit());
        assertEquals(50, status.json().get("code").asInt());

        // A stale socket file nobody listens on is as unreachable as a missing one (ECONNREFUSED).
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertTrue(Files.exists(socket));
        assertEquals(11, shim("ADD", socket, CONFIG).json().get("code").asInt());
    }

    @Test
    void forwardsCniEnvAndStdinBytesAndRelaysTheAnswer() throws Exception {
        Path socket = tmp.resolve("agent.sock");
        String stdin = CONFIG + "\n  ";
        CompletableFuture<AgentRequest> seen = agentOnce(socket,
                r -> new AgentResponse(3, "{\"cniVersion\":\"1.0.0\",\"interfaces\":[]}".getBytes(), "agent log line\n".getBytes()));
        Run run = shim("ADD", socket, stdin);
        AgentRequest request = seen.get(10, TimeUnit.SECONDS);

        assertEquals(3, run.exit());
        assertEquals("{\"cniVersion\":\"1.0.0\",\"interfaces\":[]}", run.stdout());
        assertEquals("agent log line\n", run.stderr());
        assertArrayEquals(stdin.getBytes(StandardCharsets.UTF_8), request.stdin());
        Map<String, String> expected = new HashMap<>(Map.of(
                "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c0ffee", "CNI_NETNS", "/var/run/netns/shimtest",
                "CNI_IFNAME", "net1", "CNI_PATH", "/opt/cni/bin:/usr/lib/cni", "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=p"));
        assertEquals(expected, request.env(), "only CNI_* variables travel");
    }

    @Test
    void netconfAgentSocketWinsOverTheEnvironment() throws Exception {
        Path configured = tmp.resolve("configured.sock");
        CompletableFuture<AgentRequest> seen = agentOnce(configured,
                r -> new AgentResponse(0, "{\"cniVersion\":\"1.0.0\"}".getBytes(), new byte[0]));
        String stdin = CONFIG.replace("\"name\":", "\"agentSocket\":\"" + configured + "\",\"name\":");
        Run run = shim("ADD", tmp.resolve("from-env.sock"), stdin);
        assertEquals(0, run.exit(), run.stdout() + run.stderr());
        assertArrayEquals(stdin.getBytes(StandardCharsets.UTF_8), seen.get(10, TimeUnit.SECONDS).stdin());

        Run unreachable = shim("ADD", tmp.resolve("from-env.sock"), CONFIG.replace("\"name\":", "\"agentSocket\":\"" + tmp.resolve("gone.sock") + "\",\"name\":"));
        assertEquals(11, unreachable.json().get("code").asInt());
        assertTrue(unreachable.json().get("msg").asText().contains("gone.sock"), unreachable.stdout());
    }

    @Test
    void agentDyingMidRequestAsksForRetryEvenForDel() throws Exception {
        Path socket = tmp.resolve("agent.sock");
        CompletableFuture<AgentRequest> seen = agentOnce(socket, r -> null);
        Run run = shim("DEL", socket, CONFIG);
        seen.get(10, TimeUnit.SECONDS);
        assertEquals(1, run.exit());
        assertEquals(11, run.json().get("code").asInt());
    }

    @Test
    void missingOrUnknownCommandIsAnEnvironmentError() throws Exception {
        Run run = shim("FROB", tmp.resolve("absent.sock"), CONFIG);
        assertEquals(1, run.exit());
        assertEquals(4, run.json().get("code").asInt());
        assertTrue(run.json().get("msg").asText().contains("FROB"));
    }

    /** The shim's start-up budget depends on never touching Jackson, even though it is on this class path. */
    @Test
    void shimLoadsNoJackson() throws Exception {
        Path socket = tmp.resolve("agent.sock");
        CompletableFuture<AgentRequest> seen = agentOnce(socket, r -> AgentResponse.of(0, "{}"));
        Path[] logs = {tmp.resolve("version.classes"), tmp.resolve("add.classes"), tmp.resolve("unreachable.classes")};
        shim("VERSION", socket, CONFIG, "-Xlog:class+load=info:file=" + logs[0]);
        assertEquals(0, shim("ADD", socket, CONFIG, "-Xlog:class+load=info:file=" + logs[1]).exit());
        seen.get(10, TimeUnit.SECONDS);
        shim("ADD", tmp.resolve("absent.sock"), CONFIG, "-Xlog:class+load=info:file=" + logs[2]);
        for (Path log : logs) {
            String classes = Files.readString(log);
            assertTrue(classes.contains(FastpathShim.class.getName()), "class log of " + log + " is real");
            assertFalse(classes.contains("com.fasterxml"), log + " shows Jackson classes");
            assertFalse(classes.contains("dev.fastpath.cniplugin.types.CniJson"), log + " shows CniJson");
        }
    }
}
