package dev.fastpath.cniplugin.shim;

import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** One request/response exchange with the agent over its unix socket. */
final class AgentConnection {
    /** Connecting failed: nobody listens on the socket (agent down or restarting). */
    static final class UnreachableException extends IOException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AgentConnection() {}

    static AgentResponse exchange(Path socket, AgentRequest request) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new UnreachableException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
            AgentProtocol.writeRequest(out, request);
            InputStream in = Channels.newInputStream(channel);
            return AgentProtocol.readResponse(in);
        }
    }
}
