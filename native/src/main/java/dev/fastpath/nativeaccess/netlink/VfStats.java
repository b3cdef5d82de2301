package dev.fastpath.nativeaccess.netlink;

/** Per-VF counters the PF reports (IFLA_VF_STATS). */
public record VfStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long broadcast, long multicast,
        long rxDropped, long txDropped) {}
