package dev.fastpath.dataplane.embedded.forwarding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One started ethdev port as the forwarding core sees it: where it sits (access VLAN or trunk), which PMD polls
 * its rx queue, one {@link PortLane} (tx staging and counters) per PMD thread, and the tx lock that serializes
 * its tx queue 0 when more than one PMD runs and the port has no tx queue per PMD. Counters are read (racily, but a long is read whole on a
 * 64-bit JVM) by the control path as the sum of the lanes.
 */
public final class SwitchPort {
    static final int BURST = 32;
    private static final VarHandle TX_LOCK;

    static {
        try {
            TX_LOCK = MethodHandles.lookup().findVarHandle(SwitchPort.class, "txLock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final int portId;
    final int uid;
    /** Access VLAN, 0 for untagged; ignored for a trunk. */
    final int vlan;
    final boolean trunk;
    final PortLane[] lanes;
    /** Whether the PMDs share tx queue 0 (under {@link #lockTx}); false with one PMD or a tx queue per PMD. */
    final boolean sharedTx;
    /** Index of the PMD that polls this port's rx queue; assigned once by {@link PmdSet#publish}. */
    int pmd = -1;
    @SuppressWarnings("unused") // through TX_LOCK
    private volatile int txLock;

    /** A port for a switch with one PMD thread. */
    public SwitchPort(String name, int portId, int uid, int vlan, boolean trunk) {
        this(name, portId, uid, vlan, trunk, 1, true);
    }

    /** @param txQueuePerPmd whether the port has a tx queue for every PMD (PMD i sends on queue i) */
    public SwitchPort(String name, int portId, int uid, int vlan, boolean trunk, int pmds, boolean txQueuePerPmd) {
        this.name = name;
        this.portId = portId;
        this.uid = uid;
        this.vlan = vlan;
        this.trunk = trunk;
        this.sharedTx = pmds > 1 && !txQueuePerPmd;
        this.lanes = new PortLane[pmds];
        for (int i = 0; i < pmds; i++) {
            lanes[i] = new PortLane();
        }
    }

    public String name() {
        return name;
    }

    public int portId() {
        return portId;
    }

    /** Index of the PMD thread polling this port (-1 before it is published). */
    public int pmd() {
        return pmd;
    }

    /** A test-and-test-and-set spinlock around the port's tx queue; held for one tx burst. */
    void lockTx() {
        while (!TX_LOCK.compareAndSet(this, 0, 1)) {
            while (txLock != 0) {
                Thread.onSpinWait();
            }
        }
    }

    void unlockTx() {
        TX_LOCK.setRelease(this, 0);
    }

    /** {rxPackets, rxBytes, txPackets, txBytes, rxDrops, txDrops}: what every PMD counted for this port. */
    public long[] counters() {
        long[] c = new long[6];
        for (PortLane l : lanes) {
            c[0] += l.rxPackets;
            c[1] += l.rxBytes;
            c[2] += l.txPackets;
            c[3] += l.txBytes;
            c[4] += l.rxDrops;
            c[5] += l.txDrops;
        }
        return c;
    }
}
