package dev.fastpath.dataplane.embedded.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Layer 2: the C-shaped interface. One method per C function, C argument order and C return values (negative
 * errno / NULL), Java types for strings. Callers that need {@code rte_errno} read it on the same thread.
 */
final class Rte {
    private Rte() {}

    static int ealInit(List<String> argv) {
        try (Arena arena = Arena.ofConfined()) {
            // EAL keeps pointers into argv (e.g. for the file prefix): the strings live in the global arena.
            MemorySegment array = Arena.global().allocate(ADDRESS, argv.size() + 1);
            for (int i = 0; i < argv.size(); i++) {
                array.setAtIndex(ADDRESS, i, Arena.global().allocateFrom(argv.get(i)));
            }
            array.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
            return (int) RteHandles.RTE_EAL_INIT.invokeExact(argv.size(), array);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ealCleanup() {
        try {
            return (int) RteHandles.RTE_EAL_CLEANUP.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int threadRegister() {
        try {
            return (int) RteHandles.RTE_THREAD_REGISTER.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void threadUnregister() {
        try {
            RteHandles.RTE_THREAD_UNREGISTER.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String strerror(int errnum) {
        try {
            MemorySegment s = (MemorySegment) RteHandles.RTE_STRERROR.invokeExact(errnum);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fopen(path, "w+") and rte_openlog_stream: EAL logs into that file. Returns 0 or -1. */
    static int openLogFile(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker_errnoLayout());
            MemorySegment fp = (MemorySegment) RteHandles.FOPEN.invokeExact(state, arena.allocateFrom(path), arena.allocateFrom("a"));
            if (fp.equals(MemorySegment.NULL)) {
                return -1;
            }
            logStream = fp;
            return (int) RteHandles.RTE_OPENLOG_STREAM.invokeExact(fp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static volatile MemorySegment logStream = MemorySegment.NULL;

    static void flushLog() {
        MemorySegment fp = logStream;
        if (fp.equals(MemorySegment.NULL)) {
            return;
        }
        try {
            int ignored = (int) RteHandles.FFLUSH.invokeExact(fp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int devProbe(String devargs) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) RteHandles.RTE_DEV_PROBE.invokeExact(arena.allocateFrom(devargs));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int hotplugRemove(String bus, String device) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) RteHandles.RTE_EAL_HOTPLUG_REMOVE.invokeExact(arena.allocateFrom(bus), arena.allocateFrom(device));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment pktmbufPoolCreate(String name, int n, int cacheSize, int privSize, int dataRoomSize, int socketId) {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) RteHandles.RTE_PKTMBUF_POOL_CREATE.invokeExact(
                    arena.allocateFrom(name), n, cacheSize, (short) privSize, (short) dataRoomSize, socketId);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void mempoolFree(MemorySegment pool) {
        try {
            RteHandles.RTE_MEMPOOL_FREE.invokeExact(pool);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns the port id (>= 0) or a negative errno. */
    static int ethDevGetPortByName(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment id = arena.allocate(JAVA_SHORT);
            int rc = (int) RteHandles.RTE_ETH_DEV_GET_PORT_BY_NAME.invokeExact(arena.allocateFrom(name), id);
            return rc < 0 ? rc : Short.toUnsignedInt(id.get(JAVA_SHORT, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethDevConfigure(int port, int nbRx, int nbTx) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment conf = arena.allocate(RteLayouts.ETH_CONF_SIZE, 8); // zeroed: every default
            return (int) RteHandles.RTE_ETH_DEV_CONFIGURE.invokeExact((short) port, (short) nbRx, (short) nbTx, conf);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethRxQueueSetup(int port, int queue, int descriptors, int socketId, MemorySegment pool) {
        try {
            return (int) RteHandles.RTE_ETH_RX_QUEUE_SETUP.invokeExact(
                    (short) port, (short) queue, (short) descriptors, socketId, MemorySegment.NULL, pool);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethTxQueueSetup(int port, int queue, int descriptors, int socketId) {
        try {
            return (int) RteHandles.RTE_ETH_TX_QUEUE_SETUP.invokeExact(
                    (short) port, (short) queue, (short) descriptors, socketId, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethDevStart(int port) {
        return portCall(RteHandles.RTE_ETH_DEV_START, port);
    }

    static int ethDevStop(int port) {
        return portCall(RteHandles.RTE_ETH_DEV_STOP, port);
    }

    static int ethDevClose(int port) {
        return portCall(RteHandles.RTE_ETH_DEV_CLOSE, port);
    }

    static int ethDevSocketId(int port) {
        return portCall(RteHandles.RTE_ETH_DEV_SOCKET_ID, port);
    }

    static int ethPromiscuousEnable(int port) {
        return portCall(RteHandles.RTE_ETH_PROMISCUOUS_ENABLE, port);
    }

    static int ethLinkGetNowait(int port, MemorySegment link) {
        try {
            return (int) RteHandles.RTE_ETH_LINK_GET_NOWAIT.invokeExact((short) port, link);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethStatsGet(int port, MemorySegment stats) {
        try {
            return (int) RteHandles.RTE_ETH_STATS_GET.invokeExact((short) port, stats);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ethMacaddrGet(int port, MemorySegment mac) {
        try {
            return (int) RteHandles.RTE_ETH_MACADDR_GET.invokeExact((short) port, mac);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** sched_setaffinity(0, ...) for the calling thread; returns 0 or the errno. */
    static int pinCallingThread(int cpu) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(128); // cpu_set_t, 1024 bits
            set.set(java.lang.foreign.ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            MemorySegment state = arena.allocate(Linker_errnoLayout());
            int rc = (int) RteHandles.SCHED_SETAFFINITY.invokeExact(state, 0, 128L, set);
            return rc == 0 ? 0 : state.get(JAVA_INT, Linker_errnoLayout().byteOffset(
                    java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int gettid() {
        try {
            return (int) RteHandles.GETTID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static java.lang.foreign.StructLayout Linker_errnoLayout() {
        return java.lang.foreign.Linker.Option.captureStateLayout();
    }

    private static int portCall(java.lang.invoke.MethodHandle handle, int port) {
        try {
            return (int) handle.invokeExact((short) port);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
