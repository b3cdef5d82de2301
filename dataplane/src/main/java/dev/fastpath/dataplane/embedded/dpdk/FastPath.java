package dev.fastpath.dataplane.embedded.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Layer 3, data path: rx/tx bursts through {@code rte_eth_fp_ops} (what the static inline rte_eth_rx_burst /
 * rte_eth_tx_burst do, including the rx/tx callbacks compiled into Debian's build) and the few mbuf and packet
 * accesses the switch makes. Mbufs and packet bytes are addressed by long so the loop allocates nothing; the
 * function pointer and queue pointer are re-read on every burst because rte_eth_dev_start/stop rewrite them.
 *
 * <p>Not thread-safe per port and queue, like DPDK's burst functions.
 */
public final class FastPath {
    /** The whole address space, so that an mbuf or a packet byte is one bounds-check-free access by address. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final MemorySegment FP_OPS = RteHandles.RTE_ETH_FP_OPS;
    private static final MethodHandle BURST = RteHandles.BURST;
    private static final MethodHandle RX_CALLBACKS = RteHandles.RTE_ETH_CALL_RX_CALLBACKS;
    private static final MethodHandle TX_CALLBACKS = RteHandles.RTE_ETH_CALL_TX_CALLBACKS;
    private static final MethodHandle FREE_BULK = RteHandles.RTE_PKTMBUF_FREE_BULK;
    private static final MethodHandle COPY = RteHandles.RTE_PKTMBUF_COPY;
    private static final short ETHER_TYPE_VLAN_BE = Short.reverseBytes((short) 0x8100);

    private final long pool;
    // Per port and direction: the burst function's address and its MemorySegment, rebuilt only when it changes.
    private final long[] rxFn = new long[RteLayouts.MAX_ETHPORTS];
    private final MemorySegment[] rxFnSegment = new MemorySegment[RteLayouts.MAX_ETHPORTS];
    private final long[] txFn = new long[RteLayouts.MAX_ETHPORTS];
    private final MemorySegment[] txFnSegment = new MemorySegment[RteLayouts.MAX_ETHPORTS];

    FastPath(long pool) {
        this.pool = pool;
    }

    /** A per-thread view (its own function-pointer caches) for a second PMD thread. */
    public FastPath forAnotherThread() {
        return new FastPath(pool);
    }

    public int rxBurst(int port, int queue, MbufArray pkts, int max) {
        long ops = (long) port * RteLayouts.FP_OPS_SIZE;
        long fn = FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_RX_PKT_BURST);
        long qd = ALL.get(JAVA_LONG, FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_RXQ_DATA) + 8L * queue);
        MemorySegment target = rxFnSegment[port];
        if (rxFn[port] != fn || target == null) {
            target = MemorySegment.ofAddress(fn);
            rxFnSegment[port] = target;
            rxFn[port] = fn;
        }
        try {
            int n = (short) BURST.invokeExact(target, qd, pkts.base, (short) max) & 0xffff;
            long cb = ALL.get(JAVA_LONG, FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_RXQ_CLBK) + 8L * queue);
            if (cb != 0) {
                n = (short) RX_CALLBACKS.invokeExact((short) port, (short) queue, pkts.base, (short) n, (short) max, cb) & 0xffff;
            }
            return n;
        } catch (Throwable t) {
            throw Rte.rethrow(t);
        }
    }

    /** Sends {@code n} packets starting at index {@code from}; returns how many the PMD took. */
    public int txBurst(int port, int queue, MbufArray pkts, int from, int n) {
        long ops = (long) port * RteLayouts.FP_OPS_SIZE;
        long fn = FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_TX_PKT_BURST);
        long qd = ALL.get(JAVA_LONG, FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_TXQ_DATA) + 8L * queue);
        long array = pkts.base + 8L * from;
        MemorySegment target = txFnSegment[port];
        if (txFn[port] != fn || target == null) {
            target = MemorySegment.ofAddress(fn);
            txFnSegment[port] = target;
            txFn[port] = fn;
        }
        try {
            long cb = ALL.get(JAVA_LONG, FP_OPS.get(JAVA_LONG, ops + RteLayouts.FP_TXQ_CLBK) + 8L * queue);
            if (cb != 0) {
                n = (short) TX_CALLBACKS.invokeExact((short) port, (short) queue, array, (short) n, cb) & 0xffff;
            }
            return (short) BURST.invokeExact(target, qd, array, (short) n) & 0xffff;
        } catch (Throwable t) {
            throw Rte.rethrow(t);
        }
    }

    /** rte_pktmbuf_free_bulk on {@code n} entries from index {@code from} (refcount-aware). */
    public void free(MbufArray pkts, int from, int n) {
        if (n <= 0) {
            return;
        }
        try {
            FREE_BULK.invokeExact(pkts.base + 8L * from, n);
        } catch (Throwable t) {
            throw Rte.rethrow(t);
        }
    }

    /** A deep copy of the packet into a fresh mbuf of the switch's pool, or 0 when the pool is empty. */
    public long copy(long mbuf) {
        try {
            return (long) COPY.invokeExact(mbuf, pool, 0, -1);
        } catch (Throwable t) {
            throw Rte.rethrow(t);
        }
    }

    // ---- mbuf fields (struct rte_mbuf offsets from RteLayouts) ----

    public static long data(long mbuf) {
        return ALL.get(JAVA_LONG_UNALIGNED, mbuf + RteLayouts.MBUF_BUF_ADDR)
                + Short.toUnsignedInt(ALL.get(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_OFF));
    }

    public static int pktLen(long mbuf) {
        return ALL.get(JAVA_INT_UNALIGNED, mbuf + RteLayouts.MBUF_PKT_LEN);
    }

    /**
     * Sets the reference count of an mbuf this thread exclusively owns (just received, not yet handed to any
     * PMD), so that {@code count} transmissions each release one reference. A plain store, like
     * rte_mbuf_refcnt_set: nobody else can see the mbuf yet.
     */
    public static void setRefcnt(long mbuf, int count) {
        ALL.set(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_REFCNT, (short) count);
    }

    public static int refcnt(long mbuf) {
        return Short.toUnsignedInt(ALL.get(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_REFCNT));
    }

    // ---- packet bytes ----

    /** Bytes 0-7 of the frame (the destination MAC and the first two bytes of the source) in one load. */
    public static long head8(long data) {
        return ALL.get(JAVA_LONG_UNALIGNED, data);
    }

    /** Bytes 8-11 of the frame (the rest of the source MAC). */
    public static int head4(long data) {
        return ALL.get(JAVA_INT_UNALIGNED, data + 8);
    }

    /** The destination MAC key from {@link #head8}: the same value as {@link #dstMac(long)}. */
    public static long dstMacOf(long head8) {
        return head8 & 0xFFFF_FFFF_FFFFL;
    }

    /** The source MAC key from {@link #head8} and {@link #head4}: the same value as {@link #srcMac(long)}. */
    public static long srcMacOf(long head8, int head4) {
        return (head8 >>> 48) | ((head4 & 0xFFFF_FFFFL) << 16);
    }

    /** Group bit of the destination MAC from {@link #head8}. */
    public static boolean isMulticastOf(long head8) {
        return (head8 & 1) != 0;
    }

    /** The destination MAC as a 48-bit key (byte order is irrelevant for a key, only consistent). */
    public static long dstMac(long data) {
        return (ALL.get(JAVA_INT_UNALIGNED, data) & 0xFFFF_FFFFL)
                | ((ALL.get(JAVA_SHORT_UNALIGNED, data + 4) & 0xFFFFL) << 32);
    }

    public static long srcMac(long data) {
        return dstMac(data + 6);
    }

    /** Group bit of the destination MAC: broadcast or multicast. */
    public static boolean isMulticast(long data) {
        return (ALL.get(JAVA_BYTE, data) & 1) != 0;
    }

    public static boolean hasVlanTag(long data) {
        return ALL.get(JAVA_SHORT_UNALIGNED, data + 12) == ETHER_TYPE_VLAN_BE;
    }

    /** The VLAN id of a tagged frame. */
    public static int vlanId(long data) {
        return Short.toUnsignedInt(Short.reverseBytes(ALL.get(JAVA_SHORT_UNALIGNED, data + 14))) & 0x0FFF;
    }

    /** Removes the 802.1q tag: moves the two MACs 4 bytes forward and trims the front of the mbuf. */
    public static void popVlan(long mbuf) {
        long d = data(mbuf);
        long macs0 = ALL.get(JAVA_LONG_UNALIGNED, d);
        int macs1 = ALL.get(JAVA_INT_UNALIGNED, d + 8);
        ALL.set(JAVA_LONG_UNALIGNED, d + 4, macs0);
        ALL.set(JAVA_INT_UNALIGNED, d + 12, macs1);
        adjust(mbuf, 4);
    }

    /** Inserts an 802.1q tag into the headroom; false when there is no headroom left. */
    public static boolean pushVlan(long mbuf, int vlan) {
        int off = Short.toUnsignedInt(ALL.get(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_OFF));
        if (off < 4) {
            return false;
        }
        long d = data(mbuf);
        long macs0 = ALL.get(JAVA_LONG_UNALIGNED, d);
        int macs1 = ALL.get(JAVA_INT_UNALIGNED, d + 8);
        long n = d - 4;
        ALL.set(JAVA_LONG_UNALIGNED, n, macs0);
        ALL.set(JAVA_INT_UNALIGNED, n + 8, macs1);
        ALL.set(JAVA_SHORT_UNALIGNED, n + 12, ETHER_TYPE_VLAN_BE);
        ALL.set(JAVA_SHORT_UNALIGNED, n + 14, Short.reverseBytes((short) vlan));
        adjust(mbuf, -4);
        return true;
    }

    /** Moves the start of the data by {@code delta} bytes (positive trims, negative prepends). */
    private static void adjust(long mbuf, int delta) {
        short off = ALL.get(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_OFF);
        ALL.set(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_OFF, (short) (off + delta));
        short dataLen = ALL.get(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_LEN);
        ALL.set(JAVA_SHORT_UNALIGNED, mbuf + RteLayouts.MBUF_DATA_LEN, (short) (dataLen - delta));
        int pktLen = ALL.get(JAVA_INT_UNALIGNED, mbuf + RteLayouts.MBUF_PKT_LEN);
        ALL.set(JAVA_INT_UNALIGNED, mbuf + RteLayouts.MBUF_PKT_LEN, pktLen - delta);
    }

}
