/**
 * Benchmarks that print tables: netlink versus iproute2, CNI attach latency, switch throughput and ns/pkt, operator scale.
 */
package dev.fastpath.bench;
