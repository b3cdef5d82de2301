package dev.fastpath.dataplane.embedded.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Layer 1: raw method handles onto Debian's DPDK 22.11 shared libraries (ABI DPDK_23) and the few libc calls the
 * switch needs. Nothing here interprets results; {@link Rte} gives them C shapes and {@link Dpdk} intent.
 *
 * <p>The PMDs (net_vhost, net_tap, net_ring, net_memif, ...) are not bound here: Debian's EAL dlopens every
 * driver in its plugin directory ({@code /usr/lib/x86_64-linux-gnu/dpdk/pmds-23.0}, compiled in as
 * RTE_EAL_PMD_PATH) during {@code rte_eal_init}, because librte_eal is a shared build.
 */
final class RteHandles {
    private RteHandles() {}

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup EAL = lib("librte_eal.so.23");
    static final SymbolLookup MEMPOOL = lib("librte_mempool.so.23");
    static final SymbolLookup MBUF = lib("librte_mbuf.so.23");
    static final SymbolLookup ETHDEV = lib("librte_ethdev.so.23");
    static final SymbolLookup LIBC = LINKER.defaultLookup();

    /** Fast-path calls are short, never block and never call back into Java. */
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    // EAL
    static final MethodHandle RTE_EAL_INIT = h(EAL, "rte_eal_init", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle RTE_EAL_CLEANUP = h(EAL, "rte_eal_cleanup", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle RTE_THREAD_REGISTER = h(EAL, "rte_thread_register", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle RTE_THREAD_UNREGISTER = h(EAL, "rte_thread_unregister", FunctionDescriptor.ofVoid());
    static final MethodHandle RTE_STRERROR = h(EAL, "rte_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle RTE_OPENLOG_STREAM = h(EAL, "rte_openlog_stream", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle RTE_DEV_PROBE = h(EAL, "rte_dev_probe", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle RTE_EAL_HOTPLUG_REMOVE =
            h(EAL, "rte_eal_hotplug_remove", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    // mempool / mbuf
    static final MethodHandle RTE_PKTMBUF_POOL_CREATE = h(MBUF, "rte_pktmbuf_pool_create",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_INT));
    static final MethodHandle RTE_MEMPOOL_FREE = h(MEMPOOL, "rte_mempool_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned count)}; pointer passed as a long. */
    static final MethodHandle RTE_PKTMBUF_FREE_BULK =
            h(MBUF, "rte_pktmbuf_free_bulk", FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT), CRITICAL);
    /** {@code struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp, uint32_t off, uint32_t len)}. */
    static final MethodHandle RTE_PKTMBUF_COPY = h(MBUF, "rte_pktmbuf_copy",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT), CRITICAL);

    // ethdev control path
    static final MethodHandle RTE_ETH_DEV_GET_PORT_BY_NAME =
            h(ETHDEV, "rte_eth_dev_get_port_by_name", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle RTE_ETH_DEV_CONFIGURE = h(ETHDEV, "rte_eth_dev_configure",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS));
    static final MethodHandle RTE_ETH_RX_QUEUE_SETUP = h(ETHDEV, "rte_eth_rx_queue_setup",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle RTE_ETH_TX_QUEUE_SETUP = h(ETHDEV, "rte_eth_tx_queue_setup",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_INT, ADDRESS));
    static final MethodHandle RTE_ETH_DEV_START = h(ETHDEV, "rte_eth_dev_start", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    static final MethodHandle RTE_ETH_DEV_STOP = h(ETHDEV, "rte_eth_dev_stop", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    static final MethodHandle RTE_ETH_DEV_CLOSE = h(ETHDEV, "rte_eth_dev_close", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    static final MethodHandle RTE_ETH_DEV_SOCKET_ID = h(ETHDEV, "rte_eth_dev_socket_id", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    static final MethodHandle RTE_ETH_PROMISCUOUS_ENABLE =
            h(ETHDEV, "rte_eth_promiscuous_enable", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    static final MethodHandle RTE_ETH_LINK_GET_NOWAIT =
            h(ETHDEV, "rte_eth_link_get_nowait", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));
    static final MethodHandle RTE_ETH_STATS_GET = h(ETHDEV, "rte_eth_stats_get", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));
    static final MethodHandle RTE_ETH_MACADDR_GET = h(ETHDEV, "rte_eth_macaddr_get", FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));

    // ethdev fast path: rx/tx burst are static inline, so they go through the exported rte_eth_fp_ops table.
    /** {@code uint16_t rte_eth_call_rx_callbacks(uint16_t port, uint16_t q, struct rte_mbuf **rx, uint16_t n, uint16_t max, void *opaque)}. */
    static final MethodHandle RTE_ETH_CALL_RX_CALLBACKS = h(ETHDEV, "rte_eth_call_rx_callbacks",
            FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_LONG, JAVA_SHORT, JAVA_SHORT, JAVA_LONG));
    /** {@code uint16_t rte_eth_call_tx_callbacks(uint16_t port, uint16_t q, struct rte_mbuf **tx, uint16_t n, void *opaque)}. */
    static final MethodHandle RTE_ETH_CALL_TX_CALLBACKS = h(ETHDEV, "rte_eth_call_tx_callbacks",
            FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_LONG, JAVA_SHORT, JAVA_LONG));
    /** A PMD burst function {@code uint16_t (*)(void *queue, struct rte_mbuf **pkts, uint16_t n)}, target given per call. */
    static final MethodHandle BURST = LINKER.downcallHandle(
            FunctionDescriptor.of(JAVA_SHORT, JAVA_LONG, JAVA_LONG, JAVA_SHORT), CRITICAL);
    /** {@code struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS]}: 32 entries of 128 bytes. */
    static final MemorySegment RTE_ETH_FP_OPS = ETHDEV.find("rte_eth_fp_ops").orElseThrow()
            .reinterpret(RteLayouts.MAX_ETHPORTS * RteLayouts.FP_OPS_SIZE);

    // libc
    static final MethodHandle SCHED_SETAFFINITY = h(LIBC, "sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO);
    static final MethodHandle FOPEN = h(LIBC, "fopen", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    static final MethodHandle FFLUSH = h(LIBC, "fflush", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle GETTID = h(LIBC, "gettid", FunctionDescriptor.of(JAVA_INT));

    /**
     * The calling thread's {@code rte_errno}: a TLS variable ({@code per_lcore__rte_errno}); dlsym resolves a TLS
     * symbol to the calling thread's instance, so this must run on the thread that made the failing call.
     */
    static int rteErrno() {
        Optional<MemorySegment> tls = EAL.find("per_lcore__rte_errno");
        return tls.map(s -> s.reinterpret(4).get(JAVA_INT, 0)).orElse(0);
    }

    private static SymbolLookup lib(String name) {
        return SymbolLookup.libraryLookup(name, Arena.global());
    }

    private static MethodHandle h(SymbolLookup lookup, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment address = lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError("symbol not exported: " + name));
        return LINKER.downcallHandle(address, fd, options);
    }
}
