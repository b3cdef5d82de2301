package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent socket: 0600, stale sockets replaced, live ones and foreign files refused, bad frames answered. */
class CniServerSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    CniAgentConfig config() {
        return new CniAgentConfig(tmp.resolve("run/agent.sock"), tmp.resolve("ckpt"), tmp.resolve("devinfo"), tmp.resolve("sys"));
    }

    @Test
    void socketIsOwnerOnlyAndStaleOnesAreReplaced() throws Exception {
        Path socket = config().socket();
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // left behind by a crashed agent once closed
        }
        assertTrue(Files.exists(socket));
        try (CniServer server = CniServer.create(config()).start()) {
            assertEquals(socket, server.socket());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            JsonNode status = JSON.readTree(exchange(socket, statusFrame()).stdout());
            assertTrue(status == null || status.isMissingNode() || !status.has("code"), "served: " + status);
            java.io.UncheckedIOException twice = assertThrows(java.io.UncheckedIOException.class, () -> CniServer.create(config()).start());
            assertTrue(twice.getCause().getMessage().contains("another process"), twice.toString());
        }
        assertTrue(!Files.exists(socket), "removed on close");
    }

    @Test
    void aRegularFileAtTheSocketPathIsNotDeleted() throws Exception {
        Path socket = config().socket();
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "precious");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> CniServer.create(config()).start());
        assertTrue(e.getCause().getMessage().contains("not a socket"), e.toString());
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void badFramesGetCniErrors() throws Exception {
        try (CniServer server = CniServer.create(config()).start()) {
            AgentResponse garbage = exchange(server.socket(), "GET / HTTP/1.0\r\n\r\n".getBytes());
            assertEquals(1, garbage.exitCode());
            assertEquals(6, JSON.readTree(garbage.stdout()).get("code").asInt());
            byte[] future = {'F', 'P', 'C', 'N', 2, 'Q', 0, 0, 0, 0, 0, 0};
            AgentResponse version = exchange(config().socket(), future);
            assertEquals(1, JSON.readTree(version.stdout()).get("code").asInt());
            assertTrue(JSON.readTree(version.stdout()).get("msg").asText().contains("version 2"));
        }
    }

    static byte[] statusFrame() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AgentProtocol.writeRequest(out, new dev.fastpath.cniplugin.protocol.AgentRequest(java.util.Map.of("CNI_COMMAND", "STATUS"),
                "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"type\":\"fastpath\"}".getBytes()));
        return out.toByteArray();
    }

    static AgentResponse exchange(Path socket, byte[] frame) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Channels.newOutputStream(ch).write(frame);
            ch.shutdownOutput();
            return AgentProtocol.readResponse(Channels.newInputStream(ch));
        }
    }
}
