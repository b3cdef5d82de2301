package dev.fastpath.dataplane.embedded.dpdk;

/**
 * Offsets and sizes of the DPDK 22.11 structures the switch touches, checked with a C probe against Debian's
 * headers (offsetof/sizeof; see src/test/resources/embedded/layout-probe.c and {@code LayoutProbeTest}).
 */
final class RteLayouts {
    private RteLayouts() {}

    static final int MAX_ETHPORTS = 32;

    // struct rte_eth_fp_ops (128 B)
    static final long FP_OPS_SIZE = 128;
    static final long FP_RX_PKT_BURST = 0;
    static final long FP_RXQ_DATA = 24;
    static final long FP_RXQ_CLBK = 32;
    static final long FP_TX_PKT_BURST = 64;
    static final long FP_TXQ_DATA = 88;
    static final long FP_TXQ_CLBK = 96;

    // struct rte_mbuf (128 B)
    static final long MBUF_BUF_ADDR = 0;
    static final long MBUF_DATA_OFF = 16;
    static final long MBUF_REFCNT = 18;
    static final long MBUF_NB_SEGS = 20;
    static final long MBUF_PORT = 22;
    static final long MBUF_OL_FLAGS = 24;
    static final long MBUF_PKT_LEN = 36;
    static final long MBUF_DATA_LEN = 40;
    static final long MBUF_VLAN_TCI = 42;

    // struct rte_eth_stats (704 B)
    static final long STATS_SIZE = 704;
    static final long STATS_IPACKETS = 0;
    static final long STATS_OPACKETS = 8;
    static final long STATS_IBYTES = 16;
    static final long STATS_OBYTES = 24;
    static final long STATS_IMISSED = 32;
    static final long STATS_IERRORS = 40;
    static final long STATS_OERRORS = 48;
    static final long STATS_RX_NOMBUF = 56;

    // struct rte_eth_link (8 B): link_speed u32 @0, then a bitfield byte @4: duplex bit0, autoneg bit1, status bit2
    static final long LINK_SIZE = 8;
    static final long LINK_SPEED = 0;
    static final long LINK_FLAGS = 4;
    static final int LINK_STATUS_BIT = 1 << 2;

    static final long ETH_CONF_SIZE = 2272;
    static final int SOCKET_ID_ANY = -1;
}
