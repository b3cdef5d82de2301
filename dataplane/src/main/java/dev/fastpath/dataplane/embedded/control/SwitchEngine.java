package dev.fastpath.dataplane.embedded.control;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.PortStats;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.dataplane.SwitchException.Reason;
import dev.fastpath.dataplane.embedded.dpdk.Dpdk;
import dev.fastpath.dataplane.embedded.dpdk.DpdkException;
import dev.fastpath.dataplane.embedded.dpdk.EalConfig;
import dev.fastpath.dataplane.embedded.forwarding.PmdSet;
import dev.fastpath.dataplane.embedded.forwarding.SwitchPort;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netns.NetNs;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The switch inside the fastpath-switch process: DPDK, the PMD thread running the {@link Forwarder}, and the
 * port set (validated, attached, published to the PMD, persisted). Every port operation is serialized here; a
 * failing one leaves the other ports forwarding.
 */
public final class SwitchEngine {
    private static final Logger LOG = Logger.getLogger(SwitchEngine.class.getName());
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern PCI = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final EalConfig eal;
    private final PortStore store;
    private final Duration macAging;
    private final Map<String, Attached> ports = new LinkedHashMap<>();
    /** Persisted ports that could not be restored: kept in the port set (retried on the next start) until removed or re-added. */
    private final Map<String, PortSpec> unrestored = new LinkedHashMap<>();
    private final AtomicInteger uids = new AtomicInteger();
    private final AtomicInteger deviceSeq = new AtomicInteger();
    private Dpdk dpdk;
    private volatile PmdSet pmds;
    private Thread[] pmdThreads;

    private record Attached(PortSpec spec, String devargs, SwitchPort port) {}

    public SwitchEngine(EalConfig eal, PortStore store, Duration macAging) {
        this.eal = eal;
        this.store = store;
        this.macAging = macAging;
    }

    /**
     * Starts EAL on a dedicated platform thread that EAL pins to the first PMD core and that then runs PMD 0's
     * burst loop; then one more platform thread per further PMD core, which pins itself, registers with EAL as an
     * lcore and runs its loop (unregistering when it ends). Returns once every PMD runs.
     *
     * @throws DpdkException with the reason (hugepages, rte_errno and the EAL log tail, a core that cannot be
     *     pinned or registered) when DPDK or a PMD cannot start
     */
    public void start(int mbufs) {
        List<Integer> cores = eal.pmdCores();
        CompletableFuture<Dpdk> started = new CompletableFuture<>();
        pmdThreads = new Thread[cores.size()];
        pmdThreads[0] = Thread.ofPlatform().name("fastpath-pmd-" + cores.get(0)).unstarted(() -> {
            Dpdk d;
            PmdSet set;
            try {
                d = Dpdk.start(eal, mbufs);
                set = new PmdSet(d.fastPath(), cores, macAging);
            } catch (Throwable e) {
                started.completeExceptionally(e);
                return;
            }
            pmds = set;
            started.complete(d);
            set.loop(0).run();
        });
        pmdThreads[0].start();
        dpdk = await(started);
        List<CompletableFuture<Void>> registered = new ArrayList<>();
        for (int i = 1; i < cores.size(); i++) {
            int pmd = i;
            int cpu = cores.get(i);
            CompletableFuture<Void> ready = new CompletableFuture<>();
            registered.add(ready);
            pmdThreads[i] = Thread.ofPlatform().name("fastpath-pmd-" + cpu).start(() -> {
                try {
                    Dpdk.registerPmdThread(cpu);
                } catch (Throwable e) {
                    ready.completeExceptionally(e);
                    return;
                }
                ready.complete(null);
                try {
                    pmds.loop(pmd).run();
                } finally {
                    Dpdk.unregisterPmdThread();
                }
            });
        }
        for (CompletableFuture<Void> r : registered) {
            await(r);
        }
        LOG.info("PMD threads running on cores " + cores);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DpdkException("DPDK did not start: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DpdkException("interrupted while DPDK started");
        }
    }

    /** Brings back every persisted port; one that fails is logged and stays in the set for the next start. */
    public synchronized List<String> restore() {
        List<String> failures = new ArrayList<>();
        for (PortSpec spec : store.load()) {
            try {
                attach(spec);
            } catch (SwitchException e) {
                LOG.log(Level.WARNING, "port " + spec.name() + " not restored: " + e.getMessage());
                failures.add(spec.name() + ": " + e.getMessage());
                unrestored.put(spec.name(), spec);
            }
        }
        return failures;
    }

    public synchronized PortInfo addPort(PortSpec spec) {
        PortSpec previous = unrestored.remove(spec.name()); // re-adding a port that failed to restore retries it
        PortInfo info;
        try {
            info = attach(spec);
        } catch (SwitchException e) {
            if (previous != null) {
                unrestored.put(spec.name(), previous);
            }
            throw e;
        }
        persist();
        return info;
    }

    private PortInfo attach(PortSpec spec) {
        validate(spec);
        if (ports.containsKey(spec.name())) {
            throw new SwitchException(Reason.DUPLICATE_PORT, "port " + spec.name() + " already exists");
        }
        switch (spec) {
            case PortSpec.VhostUser v when v.mode() == PortSpec.VhostMode.SERVER -> StaleSockets.removeIfStale(spec.name(), v.socket());
            case PortSpec.Memif m when m.role() == PortSpec.MemifRole.SERVER -> StaleSockets.removeIfStale(spec.name(), m.socket());
            default -> { }
        }
        String devargs = devargs(spec);
        int portId;
        int txQueues;
        try {
            Dpdk.Port attached = dpdk.attach(devargs, pmds.size()); // one tx queue per PMD where the device offers it
            portId = attached.id();
            txQueues = attached.txQueues();
        } catch (DpdkException e) {
            String tail = Dpdk.logTail(eal.logFile(), 5);
            throw new SwitchException(Reason.BACKEND_FAILURE, "port " + spec.name() + ": " + e.getMessage()
                    + (tail.isBlank() ? "" : "; EAL log ends with:\n" + tail), e);
        }
        if (spec instanceof PortSpec.Kernel k) {
            try {
                moveIntoPod(k, tapName(devargs));
            } catch (RuntimeException e) {
                dpdk.detach(portId, devargs);
                throw new SwitchException(Reason.BACKEND_FAILURE, "port " + spec.name() + ": cannot move its net_tap netdev "
                        + tapName(devargs) + " into " + k.netns() + " as " + k.ifname() + ": " + e.getMessage(), e);
            }
        }
        boolean trunk = spec instanceof PortSpec.Uplink;
        SwitchPort port = pmds.newPort(spec.name(), portId, uids.incrementAndGet(), trunk ? 0 : vlanOf(spec), trunk, txQueues);
        ports.put(spec.name(), new Attached(spec, devargs, port));
        try {
            pmds.publish(livePorts(), PUBLISH_TIMEOUT);
        } catch (RuntimeException e) {
            ports.remove(spec.name());
            dpdk.detach(portId, devargs);
            throw new SwitchException(Reason.BACKEND_FAILURE, "port " + spec.name() + ": " + e.getMessage(), e);
        }
        LOG.info("port " + spec.name() + " added as ethdev " + portId + " (" + devargs + "), " + txQueues + " tx queue"
                + (txQueues == 1 ? "" : "s") + ", rx polled by the PMD on core " + pmds.core(port.pmd()));
        return info(ports.get(spec.name()));
    }

    public synchronized void removePort(String name) {
        Attached a = ports.get(name);
        if (a == null && unrestored.remove(name) != null) {
            persist();
            return;
        }
        if (a == null) {
            throw new SwitchException(Reason.UNKNOWN_PORT, "no port named " + name);
        }
        ports.remove(name);
        // Every PMD acknowledges the table without this port before the port is stopped and closed.
        pmds.publish(livePorts(), PUBLISH_TIMEOUT);
        persist();
        try {
            dpdk.detach(a.port.portId(), a.devargs);
            if (a.spec instanceof PortSpec.Kernel k) {
                removeFromPod(k); // closing the tap fd normally destroys the netdev already
            }
        } catch (DpdkException | LinuxException e) {
            throw new SwitchException(Reason.BACKEND_FAILURE, "port " + name + " removed from forwarding, but: " + e.getMessage(), e);
        }
        LOG.info("port " + name + " removed");
    }

    public synchronized List<PortInfo> listPorts() {
        return ports.values().stream().map(this::info).toList();
    }

    public synchronized PortInfo port(String name) {
        Attached a = ports.get(name);
        if (a == null) {
            throw new SwitchException(Reason.UNKNOWN_PORT, "no port named " + name);
        }
        return info(a);
    }

    public Switch.Health health() {
        PmdSet set = pmds;
        if (set == null || !set.running()) {
            return new Switch.Health(false, set == null ? "PMD threads not started" : set.failure());
        }
        long packets = 0;
        for (long[] c : set.counters()) {
            packets += c[1];
        }
        synchronized (this) {
            if (!unrestored.isEmpty()) {
                return new Switch.Health(false, "forwarding, but persisted ports could not be restored: " + unrestored.keySet());
            }
            return new Switch.Health(true, "forwarding on " + (set.size() == 1 ? "lcore " + eal.mainCore() : "cores " + eal.pmdCores())
                    + ", " + ports.size() + " ports, " + packets + " packets received");
        }
    }

    /** The PMDs' own accounting, per PMD and in total. */
    public PmdStats pmdStats() {
        long[][] per = pmds.counters();
        List<PmdStats.Pmd> list = new ArrayList<>();
        long busy = 0, packets = 0, rounds = 0, bursts = 0;
        for (int i = 0; i < per.length; i++) {
            long[] c = per[i];
            list.add(new PmdStats.Pmd(pmds.core(i), c[0], c[1], c[2], c[3], portsOf(i)));
            busy += c[0];
            packets += c[1];
            rounds += c[2];
            bursts += c[3];
        }
        return new PmdStats(busy, packets, rounds, bursts, pmds.learnedMacs(), list);
    }

    /** busyNanos: non-empty bursts from the rx call to the end of their tx; packets: received by the PMD(s). */
    public record PmdStats(long busyNanos, long packets, long rounds, long bursts, int learnedMacs, List<Pmd> pmds) {
        public record Pmd(int core, long busyNanos, long packets, long rounds, long bursts, List<String> ports) {}
    }

    private synchronized List<String> portsOf(int pmd) {
        return ports.values().stream().filter(a -> a.port.pmd() == pmd).map(a -> a.spec.name()).toList();
    }

    public void stop() {
        if (pmds != null) {
            pmds.stop();
        }
        if (pmdThreads != null) {
            for (Thread t : pmdThreads) {
                if (t == null) {
                    continue;
                }
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private List<SwitchPort> livePorts() {
        return ports.values().stream().map(Attached::port).toList();
    }

    private void persist() {
        List<PortSpec> specs = new ArrayList<>(ports.values().stream().map(Attached::spec).toList());
        specs.addAll(unrestored.values());
        store.save(specs);
    }

    private PortInfo info(Attached a) {
        long[] c = a.port.counters();
        String socket = switch (a.spec) {
            case PortSpec.VhostUser v -> v.socket().toString();
            case PortSpec.Memif m -> m.socket().toString();
            default -> null;
        };
        // A kernel port's netdev lives in the pod's namespace, where net_tap's ioctls by name cannot see it.
        boolean up = a.spec instanceof PortSpec.Kernel k ? kernelLinkUp(k) : dpdk.linkUp(a.port.portId());
        return new PortInfo(a.spec.name(), a.spec.type(), socket, vlanOf(a.spec),
                up ? PortInfo.LinkState.UP : PortInfo.LinkState.DOWN, new PortStats(c[0], c[1], c[2], c[3], c[4], c[5]));
    }

    private static int vlanOf(PortSpec spec) {
        return switch (spec) {
            case PortSpec.VhostUser v -> v.vlan();
            case PortSpec.Kernel k -> k.vlan();
            case PortSpec.Memif m -> m.vlan();
            case PortSpec.Uplink u -> 0;
        };
    }

    private String devargs(PortSpec spec) {
        int seq = deviceSeq.getAndIncrement();
        return switch (spec) {
            case PortSpec.VhostUser v -> "net_vhost" + seq + ",iface=" + v.socket()
                    + (v.mode() == PortSpec.VhostMode.CLIENT ? ",client=1" : "") + ",queues=1";
            case PortSpec.Uplink u -> u.device();
            case PortSpec.Memif m -> "net_memif" + seq + ",role=" + m.role().name().toLowerCase()
                    + ",socket=" + m.socket() + ",socket-abstract=no,id=0";
            // created in the switch's namespace under a unique name, then moved and renamed into the pod
            case PortSpec.Kernel k -> "net_tap" + seq + ",iface=fpt" + (ProcessHandle.current().pid() % 100000) + "x" + seq;
        };
    }

    private static String tapName(String devargs) {
        return devargs.substring(devargs.indexOf("iface=") + "iface=".length());
    }

    private static void moveIntoPod(PortSpec.Kernel k, String tap) {
        try (NetNs ns = NetNs.open(k.netns()); Handle host = Handle.open(); Handle pod = Handle.open(ns)) {
            host.moveToNetns(tap, ns, Optional.of(k.ifname()));
            pod.setUp(k.ifname());
        }
    }

    private static void removeFromPod(PortSpec.Kernel k) {
        try (NetNs ns = NetNs.open(k.netns()); Handle pod = Handle.open(ns)) {
            pod.deleteLinkIfPresent(k.ifname());
        } catch (LinuxException e) {
            LOG.info("kernel port " + k.name() + ": namespace " + k.netns() + " already gone: " + e.getMessage());
        }
    }

    private static boolean kernelLinkUp(PortSpec.Kernel k) {
        try (NetNs ns = NetNs.open(k.netns()); Handle pod = Handle.open(ns)) {
            return pod.link(k.ifname()).map(l -> l.isUp()).orElse(false);
        } catch (LinuxException e) {
            return false;
        }
    }

    /** Everything checkable without DPDK, before anything is touched. */
    static void validate(PortSpec spec) {
        if (spec.name() == null || !PORT_NAME.matcher(spec.name()).matches()) {
            throw invalid(spec, "name", "must match " + PORT_NAME.pattern());
        }
        switch (spec) {
            case PortSpec.VhostUser v -> {
                checkVlan(spec, v.vlan());
                checkSocket(spec, v.socket());
                if (v.mode() == null) {
                    throw invalid(spec, "mode", "is missing");
                }
                if (v.queues() > 1) {
                    throw invalid(spec, "queues", "the embedded switch runs one queue pair per port, got " + v.queues());
                }
            }
            case PortSpec.Memif m -> {
                checkVlan(spec, m.vlan());
                checkSocket(spec, m.socket());
                if (m.role() == null) {
                    throw invalid(spec, "role", "is missing");
                }
            }
            case PortSpec.Kernel k -> {
                checkVlan(spec, k.vlan());
                if (k.ifname() == null || !k.ifname().matches("[A-Za-z0-9_.-]{1,15}")) {
                    throw invalid(spec, "ifname", "must be 1-15 characters of [A-Za-z0-9_.-], got '" + k.ifname() + "'");
                }
                if (k.netns() == null || !java.nio.file.Files.exists(k.netns())) {
                    throw invalid(spec, "netns", "does not exist: " + k.netns());
                }
            }
            case PortSpec.Uplink u -> {
                String d = u.device();
                if (d == null || d.isBlank() || !(PCI.matcher(d).matches() || d.startsWith("net_")) || d.contains(" ")) {
                    throw invalid(spec, "device", "must be a PCI address (0000:03:00.0) or a DPDK vdev string (net_...), got '" + d + "'");
                }
            }
        }
    }

    private static void checkVlan(PortSpec spec, int vlan) {
        if (vlan < 0 || vlan > 4094) {
            throw invalid(spec, "vlan", "must be 0 (untagged) or 1-4094, got " + vlan);
        }
    }

    private static void checkSocket(PortSpec spec, java.nio.file.Path socket) {
        if (socket == null) {
            throw invalid(spec, "socket", "is missing");
        }
        String s = socket.toString();
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PortSpec.MAX_SOCKET_PATH_BYTES) {
            throw invalid(spec, "socket", "path is " + bytes + " bytes, the limit is " + PortSpec.MAX_SOCKET_PATH_BYTES + ": " + s);
        }
        if (s.contains(",") || s.contains("=") || !socket.isAbsolute()) {
            throw invalid(spec, "socket", "must be an absolute path without ',' or '=' (DPDK devargs): " + s);
        }
    }

    private static SwitchException invalid(PortSpec spec, String field, String why) {
        return new SwitchException(Reason.INVALID_SPEC, "port " + spec.name() + ": " + field + " " + why);
    }
}
