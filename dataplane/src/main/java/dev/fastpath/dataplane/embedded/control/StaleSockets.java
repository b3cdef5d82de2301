package dev.fastpath.dataplane.embedded.control;

import dev.fastpath.dataplane.SwitchException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Server-mode ports (vhost-user server, memif server) bind their socket path, which fails while a file is there.
 * After a crash the previous switch's socket file is left behind: remove it, but only when nobody listens on it.
 */
final class StaleSockets {
    private StaleSockets() {}

    static void removeIfStale(String port, Path socket) {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            throw new SwitchException(SwitchException.Reason.INVALID_SPEC,
                    "port " + port + ": socket " + socket + " is in use by another process");
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                throw new SwitchException(SwitchException.Reason.BACKEND_FAILURE,
                        "port " + port + ": cannot remove the stale socket " + socket + ": " + e.getMessage(), e);
            }
        }
    }
}
