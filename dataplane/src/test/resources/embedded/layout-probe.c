/* Prints the DPDK 22.11 offsets/sizes the embedded switch relies on, as name=value lines (LayoutProbeTest). */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#define P(name, value) printf("%s=%zu\n", name, (size_t)(value))

int main(void) {
    P("FP_OPS_SIZE", sizeof(struct rte_eth_fp_ops));
    P("FP_RX_PKT_BURST", offsetof(struct rte_eth_fp_ops, rx_pkt_burst));
    P("FP_RXQ_DATA", offsetof(struct rte_eth_fp_ops, rxq.data));
    P("FP_RXQ_CLBK", offsetof(struct rte_eth_fp_ops, rxq.clbk));
    P("FP_TX_PKT_BURST", offsetof(struct rte_eth_fp_ops, tx_pkt_burst));
    P("FP_TXQ_DATA", offsetof(struct rte_eth_fp_ops, txq.data));
    P("FP_TXQ_CLBK", offsetof(struct rte_eth_fp_ops, txq.clbk));
    P("MAX_ETHPORTS", RTE_MAX_ETHPORTS);
    P("MBUF_BUF_ADDR", offsetof(struct rte_mbuf, buf_addr));
    P("MBUF_DATA_OFF", offsetof(struct rte_mbuf, data_off));
    P("MBUF_REFCNT", offsetof(struct rte_mbuf, refcnt));
    P("MBUF_NB_SEGS", offsetof(struct rte_mbuf, nb_segs));
    P("MBUF_PORT", offsetof(struct rte_mbuf, port));
    P("MBUF_OL_FLAGS", offsetof(struct rte_mbuf, ol_flags));
    P("MBUF_PKT_LEN", offsetof(struct rte_mbuf, pkt_len));
    P("MBUF_DATA_LEN", offsetof(struct rte_mbuf, data_len));
    P("MBUF_VLAN_TCI", offsetof(struct rte_mbuf, vlan_tci));
    P("STATS_SIZE", sizeof(struct rte_eth_stats));
    P("STATS_IPACKETS", offsetof(struct rte_eth_stats, ipackets));
    P("STATS_OPACKETS", offsetof(struct rte_eth_stats, opackets));
    P("STATS_IBYTES", offsetof(struct rte_eth_stats, ibytes));
    P("STATS_OBYTES", offsetof(struct rte_eth_stats, obytes));
    P("STATS_IMISSED", offsetof(struct rte_eth_stats, imissed));
    P("STATS_IERRORS", offsetof(struct rte_eth_stats, ierrors));
    P("STATS_OERRORS", offsetof(struct rte_eth_stats, oerrors));
    P("STATS_RX_NOMBUF", offsetof(struct rte_eth_stats, rx_nombuf));
    P("LINK_SIZE", sizeof(struct rte_eth_link));
    struct rte_eth_link link;
    memset(&link, 0, sizeof link);
    link.link_status = 1;
    unsigned char *bytes = (unsigned char *)&link;
    for (size_t i = 0; i < sizeof link; i++) {
        if (bytes[i]) {
            P("LINK_FLAGS", i);
            P("LINK_STATUS_BIT", bytes[i]);
        }
    }
    P("ETH_CONF_SIZE", sizeof(struct rte_eth_conf));
    return 0;
}
