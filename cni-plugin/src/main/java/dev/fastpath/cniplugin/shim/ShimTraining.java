package dev.fastpath.cniplugin.shim;

import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run behind the shim's AOT cache (JEP 483/514), executed once at build time with
 * {@code -XX:AOTCacheOutput}. It walks the shim's real code paths so their classes are loaded and linked
 * ahead of time: VERSION, a forwarded ADD/DEL over a real unix socket (answered by a loopback listener in
 * this process, which speaks the same protocol), and the unreachable-agent answers. It is not a test and
 * asserts nothing.
 */
public final class ShimTraining {
    private static final String CONFIG = """
            {"cniVersion":"1.1.0","name":"training","type":"fastpath","attachment":"sriov-dpdk","ipam":{}}""";

    private ShimTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fastpath-shim-training");
        Path socket = dir.resolve("agent.sock");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread listener = Thread.ofPlatform().daemon().start(() -> answerForever(server));
            for (int round = 0; round < 20; round++) {
                invoke("VERSION", socket, sink);
                invoke("ADD", socket, sink);
                invoke("DEL", socket, sink);
                invoke("ADD", dir.resolve("absent.sock"), sink);
                invoke("DEL", dir.resolve("absent.sock"), sink);
                invoke("STATUS", dir.resolve("absent.sock"), sink);
            }
            listener.interrupt();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void invoke(String command, Path socket, PrintStream sink) {
        Map<String, String> env = Map.of(
                "CNI_COMMAND", command, "CNI_CONTAINERID", "training", "CNI_NETNS", "/run/netns/training",
                "CNI_IFNAME", "net1", "CNI_PATH", "/opt/cni/bin", FastpathShim.AGENT_SOCKET_ENV, socket.toString());
        FastpathShim.run(env, new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)), sink, sink);
    }

    private static void answerForever(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel peer = server.accept()) {
                AgentProtocol.readRequest(Channels.newInputStream(peer));
                AgentProtocol.writeResponse(Channels.newOutputStream(peer), AgentResponse.of(0, "{\"cniVersion\":\"1.1.0\"}"));
            } catch (IOException e) {
                return;
            }
        }
    }
}
