package dev.fastpath.dataplane.embedded.forwarding;

import dev.fastpath.dataplane.embedded.dpdk.MbufArray;

/**
 * One started ethdev port as the forwarding core sees it: where it sits (access VLAN or trunk), its tx staging
 * array, and counters. The counters are written only by the PMD thread, once per burst, and read (racily, but a long is read
 * whole on a 64-bit JVM) by the control path.
 */
public final class SwitchPort {
    static final int BURST = 32;

    final String name;
    final int portId;
    final int uid;
    /** Access VLAN, 0 for untagged; ignored for a trunk. */
    final int vlan;
    final boolean trunk;

    // tx staging, filled while one rx burst is classified and flushed right after it
    final MbufArray tx = new MbufArray(BURST);
    final int[] txLen = new int[BURST];
    int txCount;

    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    long rxDrops;
    long txDrops;

    public SwitchPort(String name, int portId, int uid, int vlan, boolean trunk) {
        this.name = name;
        this.portId = portId;
        this.uid = uid;
        this.vlan = vlan;
        this.trunk = trunk;
    }

    public String name() {
        return name;
    }

    public int portId() {
        return portId;
    }

    /** {rxPackets, rxBytes, txPackets, txBytes, rxDrops, txDrops} as the switch counted them. */
    public long[] counters() {
        return new long[] {rxPackets, rxBytes, txPackets, txBytes, rxDrops, txDrops};
    }
}
