package dev.fastpath.dataplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.ovs.ovsdb.Json;
import dev.fastpath.dataplane.ovs.ovsdb.Op;
import dev.fastpath.dataplane.ovs.ovsdb.OvsdbClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Open vSwitch for one test class: {@code ovsdb-server} on a fresh database and, when asked,
 * {@code ovs-vswitchd-dpdk} with DPDK, all under a temp directory (run, db, log), configured through Fastpath's own
 * {@link OvsdbClient} (never ovs-vsctl). DPDK runs {@code --no-pci --in-memory} with a unique file prefix, its
 * main thread on {@code mainCpu} and its one PMD thread on {@code pmdCpu}. {@link #close} stops both daemons by
 * PID and removes the directories.
 */
public final class PrivateOvs implements AutoCloseable {
    public static final String VSWITCHD = "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk";
    public static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

    private final Path dir;
    private final Path run;
    private final Path log;
    private final Process ovsdb;
    private Process vswitchd;
    private String filePrefix;

    private PrivateOvs(Path dir, Process ovsdb) {
        this.dir = dir;
        this.run = dir.resolve("run");
        this.log = dir.resolve("log");
        this.ovsdb = ovsdb;
    }

    /** ovsdb-server alone on a fresh Open_vSwitch database with its root row (what {@code ovs-vsctl init} does). */
    public static PrivateOvs startDatabase(Path dir) {
        try {
            for (String sub : List.of("run", "db", "log")) Files.createDirectories(dir.resolve(sub));
            Path db = dir.resolve("db/conf.db");
            run(List.of("ovsdb-tool", "create", db.toString(), SCHEMA));
            Process server = new ProcessBuilder("ovsdb-server", db.toString(),
                    "--remote=punix:" + dir.resolve("run/db.sock"),
                    // Extra listeners come from Manager rows, as on a real node (tests use it for echo probes).
                    "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                    "--unixctl=" + dir.resolve("run/ovsdb-server.ctl"),
                    "--log-file=" + dir.resolve("log/ovsdb-server.log"), "-vconsole:off")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log/ovsdb-server.out").toFile()).start();
            PrivateOvs ovs = new PrivateOvs(dir, server);
            try {
                ovs.awaitSocket();
                try (OvsdbClient client = ovs.connect()) {
                    client.transact("Open_vSwitch", List.of(Op.insert("Open_vSwitch", Json.object(), null)));
                }
            } catch (RuntimeException e) {
                ovs.close();
                throw e;
            }
            return ovs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Configures DPDK ({@code other_config}) and starts ovs-vswitchd-dpdk; returns when DPDK is initialized
     * ({@code Open_vSwitch.dpdk_initialized}).
     */
    public void startVswitchd(String filePrefix, int mainCpu, int pmdCpu, int socketMemMb) {
        this.filePrefix = filePrefix;
        Map<String, String> other = new LinkedHashMap<>();
        other.put("dpdk-init", "true");
        other.put("dpdk-socket-mem", Integer.toString(socketMemMb));
        other.put("dpdk-lcore-mask", "0x" + Long.toHexString(1L << mainCpu));
        other.put("pmd-cpu-mask", "0x" + Long.toHexString(1L << pmdCpu));
        other.put("dpdk-extra", "--no-pci --in-memory --file-prefix " + filePrefix);
        ObjectNode row = Json.object();
        row.set("other_config", Json.map(other));
        try (OvsdbClient client = connect()) {
            client.transact("Open_vSwitch", List.of(Op.update("Open_vSwitch", List.of(), row)));
        }
        startVswitchd();
    }

    /** (Re)starts ovs-vswitchd with the configuration already in the database. */
    public void startVswitchd() {
        if (vswitchd != null && vswitchd.isAlive()) throw new IllegalStateException("ovs-vswitchd already runs (pid " + vswitchd.pid() + ")");
        try {
            ProcessBuilder builder = new ProcessBuilder(VSWITCHD, "unix:" + dbSocket(),
                    "--unixctl=" + vswitchdControl(), "--log-file=" + log.resolve("ovs-vswitchd.log"), "-vconsole:off")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolve("ovs-vswitchd.out").toFile()));
            // Its rundir holds br*.mgmt sockets and the dpdkvhostuser (server mode) sockets.
            builder.environment().put("OVS_RUNDIR", run.toString());
            builder.environment().put("OVS_DBDIR", dir.resolve("db").toString());
            builder.environment().put("OVS_LOGDIR", log.toString());
            vswitchd = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (OvsdbClient client = connect()) {
            while (true) {
                JsonNode root = client.transact("Open_vSwitch", List.of(Op.select("Open_vSwitch", List.of(), "dpdk_initialized")))
                        .getFirst().path("rows").path(0);
                if (root.path("dpdk_initialized").asBoolean(false)) return;
                if (!vswitchd.isAlive()) throw new IllegalStateException("ovs-vswitchd exited: " + logTail());
                if (System.nanoTime() > deadline) throw new IllegalStateException("ovs-vswitchd did not initialize DPDK in 30 s: " + logTail());
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills ovs-vswitchd with SIGKILL (a crash), waits for it to be gone and clears its DPDK runtime dir. */
    public void killVswitchd() {
        if (vswitchd == null) return;
        vswitchd.destroyForcibly();
        try {
            vswitchd.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // DPDK marks dpdk_initialized only in a live process: reset it so a restart is observed afresh.
        ObjectNode row = Json.object();
        row.put("dpdk_initialized", false);
        try (OvsdbClient client = connect()) {
            client.transact("Open_vSwitch", List.of(Op.update("Open_vSwitch", List.of(), row)));
        }
    }

    public Path dbSocket() {
        return run.resolve("db.sock");
    }

    public Path runDir() {
        return run;
    }

    public Path vswitchdControl() {
        return run.resolve("ovs-vswitchd.ctl");
    }

    public long vswitchdPid() {
        return vswitchd == null ? -1 : vswitchd.pid();
    }

    public OvsdbClient connect() {
        return OvsdbClient.connect(dbSocket(), Duration.ofSeconds(5));
    }

    public String logTail() {
        Path file = log.resolve("ovs-vswitchd.log");
        try {
            if (!Files.exists(file)) return "(no ovs-vswitchd log)";
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(vswitchd);
        stop(ovsdb);
        if (filePrefix != null) DpdkRuntime.removeRuntimeDir(filePrefix);
        DpdkRuntime.deleteTree(dir);
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitSocket() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(dbSocket())) {
            if (!ovsdb.isAlive()) throw new IllegalStateException("ovsdb-server exited; see " + log);
            if (System.nanoTime() > deadline) throw new IllegalStateException("ovsdb-server did not create " + dbSocket());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
