package dev.fastpath.dataplane.embedded.forwarding;

import dev.fastpath.dataplane.embedded.dpdk.MbufArray;

/**
 * One PMD thread's share of one port: its tx staging for that port and the counters it adds to the port's. Only
 * its PMD writes it, so counting stays exact without atomics; the control path sums the lanes of a port. Padded
 * so that two PMDs' lanes of the same port never share a cache line.
 */
final class PortLane {
    // tx staging, filled while one rx burst is classified and flushed right after it
    final MbufArray tx = new MbufArray(SwitchPort.BURST);
    int txCount;
    /** Bytes of the frames staged in {@link #tx}, as they will leave (a pushed VLAN tag included). */
    long txStagedBytes;

    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    long rxDrops;
    long txDrops;

    @SuppressWarnings("unused")
    private long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;
}
