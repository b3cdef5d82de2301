package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One agent under test: a CNI server in this JVM with its socket, checkpoint, device-info dir and a fake
 * sysfs under a temp dir; real network namespaces and links named with a per-test prefix; host-local IPAM
 * from /usr/lib/cni with its dataDir under the temp dir. Everything made is removed in {@link #close()}.
 */
final class AgentHarness implements AutoCloseable {
    static final String CNI_PATH = "/usr/lib/cni";
    final Path tmp;
    final String prefix;
    final FakeSriovTree sysfs;
    CniAgentConfig config;
    final ShimRunner shim;
    CniServer server;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    AgentHarness(Path tmp) throws IOException {
        if (!Files.isExecutable(Path.of(CNI_PATH, "host-local"))) {
            String reason = "CNI reference plugins missing: no " + CNI_PATH + "/host-local (./fastpath setup installs containernetworking-plugins)";
            if (Boolean.getBoolean("fastpath.test.requireAll")) throw new IllegalStateException(reason);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, reason);
        }
        this.tmp = tmp;
        this.prefix = "fc" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
        this.sysfs = new FakeSriovTree(tmp.resolve("sys"));
        this.config = new CniAgentConfig(tmp.resolve("run/agent.sock"), tmp.resolve("checkpoint"), tmp.resolve("devinfo"), sysfs.root,
                tmp.resolve("switch/sw.sock"), tmp.resolve("sockets"));
        this.shim = new ShimRunner(config.socket());
    }

    /** Before {@link #start()}: the node's switch is Open vSwitch behind {@code dbSocket}, ports on {@code bridge}. */
    AgentHarness withOvs(Path dbSocket, String bridge) {
        config = config.withOvs(dbSocket, bridge);
        return this;
    }

    AgentHarness start() {
        server = CniServer.create(config).start();
        return this;
    }

    void restart() {
        server.close();
        start();
    }

    /** {@code ip netns add}; returns the path kubelet would pass as CNI_NETNS. */
    String netns(String suffix) {
        String name = prefix + suffix;
        ip("netns", "add", name);
        namespaces.add(name);
        return "/var/run/netns/" + name;
    }

    void deleteNetns(String path) {
        String name = Path.of(path).getFileName().toString();
        ip("netns", "del", name);
        namespaces.remove(name);
    }

    /** A veth pair in the host playing a VF netdev ({@code name}); its peer stays in the host. Names <= 15 chars. */
    void veth(String name, String peer) {
        ip("link", "add", name, "type", "veth", "peer", "name", peer);
        links.add(name);
        links.add(peer);
    }

    Path ipamDataDir() {
        return tmp.resolve("ipam");
    }

    /** host-local's reservations for a network: one file per allocated address. */
    List<String> allocatedIps(String network) throws IOException {
        Path dir = ipamDataDir().resolve(network);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") || (n.contains(":") && !n.startsWith("last")))
                    .sorted().toList();
        }
    }

    List<Path> checkpointEntries() throws IOException {
        Path dir = config.checkpointDir().resolve("attachments");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    List<Path> deviceInfoFiles() throws IOException {
        if (!Files.isDirectory(config.deviceInfoDir())) return List.of();
        try (Stream<Path> files = Files.list(config.deviceInfoDir())) {
            return files.sorted().toList();
        }
    }

    static String ip(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean ipQuiet(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) server.close();
        for (String ns : namespaces) ipQuiet("netns", "del", ns);
        for (String link : links) ipQuiet("link", "del", link);
        try (Stream<Path> walk = Files.walk(tmp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
