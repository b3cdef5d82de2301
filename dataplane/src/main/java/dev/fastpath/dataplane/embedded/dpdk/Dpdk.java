package dev.fastpath.dataplane.embedded.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Layer 3, control path: the DPDK environment of one switch process, in intents (start EAL, make a pool, attach
 * a device as a started port, read its link and counters, detach it). No MemorySegment leaves this class.
 */
public final class Dpdk {
    private static final int RX_DESCRIPTORS = 1024;
    private static final int TX_DESCRIPTORS = 1024;

    private final EalConfig config;
    private final MemorySegment pool;
    private final FastPath fastPath;

    private Dpdk(EalConfig config, MemorySegment pool) {
        this.config = config;
        this.pool = pool;
        this.fastPath = new FastPath(pool.address());
    }

    /**
     * Starts EAL on the calling thread, which becomes the main lcore pinned to {@code config.mainCore()} (so it
     * should be the thread that then runs the burst loop), and creates the mbuf pool. Checks hugepages first.
     */
    public static Dpdk start(EalConfig config, int mbufs) {
        Hugepages.requireFree(config.hugepagesNeeded());
        if (config.logFile() != null && Rte.openLogFile(config.logFile().toString()) != 0) {
            throw new DpdkException("cannot open the EAL log file " + config.logFile());
        }
        int rc = Rte.ealInit(config.argv());
        if (rc < 0) {
            int errno = RteHandles.rteErrno();
            throw new DpdkException("rte_eal_init " + config.argv() + " failed: rte_errno " + Errno.describe(errno)
                    + logTailSuffix(config.logFile()));
        }
        MemorySegment pool = Rte.pktmbufPoolCreate("fp_mbufs", mbufs, 256, 0, 2048 + 128, RteLayouts.SOCKET_ID_ANY);
        if (pool.equals(MemorySegment.NULL)) {
            int errno = RteHandles.rteErrno();
            throw new DpdkException("rte_pktmbuf_pool_create(" + mbufs + " mbufs) failed: rte_errno "
                    + Errno.describe(errno) + logTailSuffix(config.logFile()));
        }
        return new Dpdk(config, pool);
    }

    public FastPath fastPath() {
        return fastPath;
    }

    public EalConfig config() {
        return config;
    }

    /** A started port: its ethdev id and how many tx queues it got. */
    public record Port(int id, int txQueues) {}

    /**
     * Hot-plugs a device (a vdev string such as {@code net_vhost3,iface=/run/x.sock,client=1}, or a PCI address),
     * configures one rx queue and {@code txQueues} tx queues, or one tx queue when the device refuses that many
     * (net_vhost offers as many as its queue pairs, net_tap wants as many rx as tx queues), enables promiscuous
     * mode and starts it. On any failure the device is detached again and a DpdkException names the step.
     */
    public Port attach(String devargs, int txQueues) {
        String device = deviceName(devargs);
        int rc = Rte.devProbe(devargs);
        if (rc < 0) {
            throw new DpdkException("rte_dev_probe(" + devargs + ") failed", rc);
        }
        int port = Rte.ethDevGetPortByName(device);
        if (port < 0) {
            detachQuietly(devargs);
            throw new DpdkException("probed " + device + " but no ethdev port has that name", port);
        }
        try {
            if (txQueues > 1 && Rte.ethDevConfigure(port, 1, txQueues) < 0) {
                txQueues = 1; // the device offers fewer: its PMD threads share tx queue 0 under a lock
            }
            if (txQueues == 1) {
                check(Rte.ethDevConfigure(port, 1, 1), "rte_eth_dev_configure", device);
            }
            int socket = Rte.ethDevSocketId(port);
            check(Rte.ethRxQueueSetup(port, 0, RX_DESCRIPTORS, socket, pool), "rte_eth_rx_queue_setup", device);
            for (int q = 0; q < txQueues; q++) {
                check(Rte.ethTxQueueSetup(port, q, TX_DESCRIPTORS, socket), "rte_eth_tx_queue_setup", device);
            }
            Rte.ethPromiscuousEnable(port); // not every PMD supports it (vhost, ring): forwarding is promiscuous anyway
            check(Rte.ethDevStart(port), "rte_eth_dev_start", device);
            return new Port(port, txQueues);
        } catch (DpdkException e) {
            Rte.ethDevClose(port);
            detachQuietly(devargs);
            throw e;
        }
    }

    /** Stops and closes the port and removes its device from its bus. */
    public void detach(int port, String devargs) {
        Rte.ethDevStop(port);
        Rte.ethDevClose(port);
        String device = deviceName(devargs);
        int rc = Rte.hotplugRemove(busOf(device), device);
        if (rc < 0) {
            throw new DpdkException("rte_eal_hotplug_remove(" + busOf(device) + ", " + device + ") failed", rc);
        }
    }

    private static void detachQuietly(String devargs) {
        String device = deviceName(devargs);
        Rte.hotplugRemove(busOf(device), device);
    }

    public boolean linkUp(int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment link = arena.allocate(RteLayouts.LINK_SIZE, 8);
            if (Rte.ethLinkGetNowait(port, link) < 0) {
                return false;
            }
            return (link.get(JAVA_BYTE, RteLayouts.LINK_FLAGS) & RteLayouts.LINK_STATUS_BIT) != 0;
        }
    }

    /** The PMD's own counters: {ipackets, opackets, ibytes, obytes, imissed + ierrors + rx_nombuf, oerrors}. */
    public long[] deviceStats(int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RteLayouts.STATS_SIZE, 8);
            if (Rte.ethStatsGet(port, s) < 0) {
                return new long[6];
            }
            return new long[] {
                s.get(JAVA_LONG, RteLayouts.STATS_IPACKETS), s.get(JAVA_LONG, RteLayouts.STATS_OPACKETS),
                s.get(JAVA_LONG, RteLayouts.STATS_IBYTES), s.get(JAVA_LONG, RteLayouts.STATS_OBYTES),
                s.get(JAVA_LONG, RteLayouts.STATS_IMISSED) + s.get(JAVA_LONG, RteLayouts.STATS_IERRORS)
                        + s.get(JAVA_LONG, RteLayouts.STATS_RX_NOMBUF),
                s.get(JAVA_LONG, RteLayouts.STATS_OERRORS)};
        }
    }

    public String macAddress(int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mac = arena.allocate(8);
            Rte.ethMacaddrGet(port, mac);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                sb.append(i == 0 ? "" : ":").append(String.format("%02x", mac.get(JAVA_BYTE, i) & 0xff));
            }
            return sb.toString();
        }
    }

    /**
     * Pins the calling platform thread to {@code cpu} and registers it with EAL as a non-EAL lcore
     * ({@code rte_thread_register}), so it gets an lcore id and with it its own mempool cache. No EAL worker
     * thread and no remote launch: the Java thread stays the one running the burst loop.
     */
    public static void registerPmdThread(int cpu) {
        int err = Rte.pinCallingThread(cpu);
        if (err != 0) {
            throw new DpdkException("sched_setaffinity(cpu " + cpu + ") failed: " + Errno.describe(err));
        }
        if (Rte.threadRegister() != 0) {
            throw new DpdkException("rte_thread_register (PMD on cpu " + cpu + ") failed: rte_errno "
                    + Errno.describe(RteHandles.rteErrno()));
        }
    }

    /** Gives the calling thread's lcore id back to EAL (after {@link #registerPmdThread}). */
    public static void unregisterPmdThread() {
        Rte.threadUnregister();
    }

    public void shutdown() {
        Rte.ealCleanup();
    }

    /** The last lines of the EAL log, for error messages. */
    public static String logTail(Path logFile, int lines) {
        if (logFile == null) {
            return "";
        }
        Rte.flushLog();
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String logTailSuffix(Path logFile) {
        String tail = logTail(logFile, 8);
        return tail.isBlank() ? "" : "; EAL log (" + logFile + ") ends with:\n" + tail;
    }

    private static void check(int rc, String call, String device) {
        if (rc < 0) {
            throw new DpdkException(call + "(" + device + ") failed", rc);
        }
    }

    /** The device name in a devargs string: everything before the first comma. */
    public static String deviceName(String devargs) {
        int comma = devargs.indexOf(',');
        return comma < 0 ? devargs : devargs.substring(0, comma);
    }

    private static String busOf(String device) {
        return device.matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]") ? "pci" : "vdev";
    }

}
