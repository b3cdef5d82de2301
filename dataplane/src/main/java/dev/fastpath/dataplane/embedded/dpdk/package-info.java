/**
 * DPDK 22.11 over FFM: {@code RteHandles} (raw method handles), {@code Rte} (C-shaped calls), and the facades
 * {@link dev.fastpath.dataplane.embedded.dpdk.Dpdk} (control path) and {@link dev.fastpath.dataplane.embedded.dpdk.FastPath}
 * (bursts through rte_eth_fp_ops, mbuf access by address). No MemorySegment leaves this package.
 */
package dev.fastpath.dataplane.embedded.dpdk;
