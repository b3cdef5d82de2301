package dev.fastpath.nodeagent.cni;

import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import dev.fastpath.cniplugin.protocol.ProtocolException;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
import dev.fastpath.nativeaccess.sysfs.SysfsWriter;
import dev.fastpath.nodeagent.checkpoint.Checkpoint;
import dev.fastpath.dataplane.ovs.OvsSwitchConfig;
import dev.fastpath.nodeagent.cni.attach.AttachmentHandlers;
import dev.fastpath.nodeagent.cni.ipam.IpamDelegate;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The agent's CNI endpoint: a unix socket (mode 0600) speaking the shim protocol, one request per
 * connection, each served on its own virtual thread. On start it rolls back half-done ADDs from the
 * checkpoint, then takes over the socket path: a stale socket (nobody answering) is replaced, a live one
 * (another agent) or a non-socket file is refused.
 */
public final class CniServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CniServer.class.getName());

    private final CniAgentConfig config;
    private final CniServices services;
    private final CniDispatcher dispatcher;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private ServerSocketChannel channel;
    private Thread acceptor;

    public CniServer(CniAgentConfig config, CniServices services) {
        this.config = config;
        this.services = services;
        this.dispatcher = new CniDispatcher(services);
    }

    /** The standard wiring: checkpoint, IPAM delegation, sriov and sriov-dpdk handlers over sysfs, vhost-user on the switch. */
    public static CniServer create(CniAgentConfig config) {
        SriovSysfs sysfs = SriovSysfs.at(config.sysfsRoot(), Path.of("/dev"), SysfsWriter.LIBC);
        CniServices services = new CniServices(new Checkpoint(config.checkpointDir()), new IpamDelegate(),
                AttachmentHandlers.standard(sysfs, nodeSwitch(config), config.socketsRoot()), new DeviceInfoFiles(config.deviceInfoDir()), new KeyedLocks());
        return new CniServer(config, services);
    }

    /** The client of the switch backend this node runs. */
    static NodeSwitch nodeSwitch(CniAgentConfig config) {
        return switch (config.switchBackend()) {
            case EMBEDDED -> NodeSwitch.embedded(config.switchEndpoint());
            case OVS -> NodeSwitch.ovs(OvsSwitchConfig.of(config.switchEndpoint(), config.ovsBridge()));
        };
    }

    public CniServices services() {
        return services;
    }

    public Path socket() {
        return config.socket();
    }

    public CniServer start() {
        int rolledBack = AttachmentRecovery.rollBackHalfDone(services);
        if (rolledBack > 0) LOG.log(System.Logger.Level.WARNING, "rolled back " + rolledBack + " half-done attachment(s) from the checkpoint");
        int orphans = AttachmentRecovery.removeOrphans(services);
        if (orphans > 0) LOG.log(System.Logger.Level.WARNING, "removed " + orphans + " switch port(s) no attachment names");
        channel = bindSocket(config.socket());
        acceptor = Thread.ofPlatform().name("cni-accept").daemon().start(this::acceptLoop);
        LOG.log(System.Logger.Level.INFO, "CNI server listening on " + config.socket());
        return this;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel peer = channel.accept();
                workers.execute(() -> serve(peer));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept on " + config.socket() + " failed: " + e);
            }
        }
    }

    private void serve(SocketChannel peer) {
        try (peer) {
            AgentResponse response;
            try {
                AgentRequest request = AgentProtocol.readRequest(Channels.newInputStream(peer));
                response = dispatcher.dispatch(request);
            } catch (ProtocolException e) {
                int code = e.peerVersion() >= 0 ? CniErrorCode.INCOMPATIBLE_VERSION : CniErrorCode.DECODE_FAILURE;
                response = CniDispatcher.error(null, code, "fastpath agent cannot read the shim's request: " + e.getMessage(), null);
            }
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(peer), 16 * 1024);
            AgentProtocol.writeResponse(out, response);
        } catch (java.io.EOFException e) {
            // a peer that connected and left without a request (a liveness probe): nothing to answer
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "CNI connection failed: " + e);
        }
    }

    /**
     * Binds in a private directory next to the target, sets 0600, then renames over the target path, so the
     * socket is never reachable with wider permissions and a stale one is replaced in one step.
     */
    private static ServerSocketChannel bindSocket(Path socket) {
        try {
            Path parent = socket.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) refuseIfLiveOrForeign(socket);
            Path staging = Files.createTempDirectory(parent, ".agent-sock", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path staged = staging.resolve("s");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(staged));
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
                Files.move(staged, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                server.close();
                throw e;
            } finally {
                Files.deleteIfExists(staged);
                Files.deleteIfExists(staging);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket, e);
        }
    }

    private static void refuseIfLiveOrForeign(Path socket) throws IOException {
        Object type = Files.readAttributes(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode");
        boolean isSocket = type instanceof Integer mode && (mode & 0170000) == 0140000;
        if (!isSocket) throw new IOException(socket + " exists and is not a socket; refusing to replace it");
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("another process is serving " + socket);
        } catch (java.net.SocketException e) {
            LOG.log(System.Logger.Level.INFO, "replacing stale socket " + socket);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) channel.close();
            if (acceptor != null) acceptor.join(5000);
            workers.shutdown();
            workers.awaitTermination(30, TimeUnit.SECONDS);
            if (channel != null) Files.deleteIfExists(config.socket());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
