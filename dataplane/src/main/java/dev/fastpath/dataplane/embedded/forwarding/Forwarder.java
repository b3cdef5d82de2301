package dev.fastpath.dataplane.embedded.forwarding;

import dev.fastpath.dataplane.embedded.dpdk.FastPath;
import dev.fastpath.dataplane.embedded.dpdk.MbufArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The L2 learning switch's burst loop, run by one pinned PMD thread (one Forwarder per PMD, see {@link PmdSet}).
 * Per round it polls the rx queue of each port assigned to it; for each received burst it learns source MACs
 * (in the MAC table all PMDs share), picks destinations (learned port, or flooding within the VLAN), stages
 * packets per destination and flushes each destination with one tx burst. Access ports carry one VLAN untagged;
 * trunks carry 802.1q tags, popped on the way in and pushed on the way out. A flood shares one mbuf between its
 * untagged destinations by raising its refcount and copies it only for trunks that need their own tag.
 *
 * <p>The loop allocates nothing: native pointer arrays and counters are preallocated, the MAC table is primitive
 * arrays, ports are read from an immutable {@link PortTable} swapped in by the control path. Each PMD counts into
 * its own {@link PortLane} of every port. With more than one PMD, PMD i transmits on tx queue i of ports that have
 * a queue per PMD, and on the shared queue 0 under the port's spinlock otherwise; with one PMD there is no lock.
 *
 * <p>Busy time is accounted like testpmd's {@code --record-core-cycles}: per received burst, from just before
 * that port's rx burst call to the end of its tx bursts; empty polls are not counted.
 */
public final class Forwarder implements Runnable {
    private static final int BURST = SwitchPort.BURST;

    private final FastPath fp;
    private final MacTable macs;
    /** This PMD's index: which lane of each port it counts and stages into. */
    private final int lane;
    /** The tx queue this PMD uses on ports that have one per PMD. */
    private final int txQueue;
    private final MbufArray rx = new MbufArray(BURST);
    private final MbufArray drops = new MbufArray(BURST);
    private final SwitchPort[] dirty = new SwitchPort[PortTable.MAX_PORTS];

    private volatile PortTable table = PortTable.empty();
    private volatile long ackedEpoch;
    private volatile boolean running = true;
    private volatile Throwable failure;

    // Busy-time accounting, written by this PMD thread once per non-empty burst.
    private long busyNanos;
    private long forwardedPackets;
    private long rounds;
    private long bursts;
    private int dropCount;
    private int dirtyCount;

    Forwarder(FastPath fp, MacTable macs, int lane, int pmds) {
        this.fp = fp;
        this.macs = macs;
        this.lane = lane;
        this.txQueue = lane;
    }

    @Override
    public void run() {
        long seenEpoch = -1;
        try {
            while (running) {
                PortTable t = table;
                if (t.epoch != seenEpoch) {
                    seenEpoch = t.epoch;
                    ackedEpoch = seenEpoch; // the previous table is no longer referenced by this thread
                }
                SwitchPort[] ports = t.polled;
                if (ports.length == 0) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                rounds++;
                long start = System.nanoTime();
                for (SwitchPort src : ports) {
                    int n = fp.rxBurst(src.portId, 0, rx, BURST);
                    if (n == 0) {
                        start = System.nanoTime(); // the next port's poll starts now: empty polls are not busy time
                        continue;
                    }
                    forwardBurst(t, src, n, start);
                    long end = System.nanoTime();
                    busyNanos += end - start;
                    forwardedPackets += n;
                    bursts++;
                    start = end;
                }
            }
        } catch (Throwable e) {
            failure = e;
            throw e;
        }
    }

    private void forwardBurst(PortTable t, SwitchPort src, int n, long now) {
        long bytes = 0;
        int[] uids = t.uidByPortId;
        long srcDrops = 0;
        // Frames of one burst mostly share (vlan, source, destination): learn and look up once per change.
        int lastVlan = -1;
        long lastSrc = -1;
        long lastDst = -1;
        int lastPort = MacTable.MISS;
        for (int i = 0; i < n; i++) {
            long m = rx.get(i);
            long d = FastPath.data(m);
            int len = FastPath.pktLen(m);
            bytes += len;
            if (len < 14) {
                drop(m); // not even an Ethernet header
                srcDrops++;
                continue;
            }
            int vlan;
            if (src.trunk) {
                if (FastPath.hasVlanTag(d)) {
                    if (len < 18) {
                        drop(m);
                        srcDrops++;
                        continue;
                    }
                    vlan = FastPath.vlanId(d);
                    FastPath.popVlan(m);
                    d = FastPath.data(m);
                    len -= 4;
                } else {
                    vlan = 0;
                }
            } else if (FastPath.hasVlanTag(d)) {
                drop(m); // a tagged frame on an access port would hop VLANs
                srcDrops++;
                continue;
            } else {
                vlan = src.vlan;
            }
            int[] flood = t.floodByVlan[vlan];
            if (flood == null) {
                drop(m); // a VLAN no port of this switch carries
                srcDrops++;
                continue;
            }
            long head8 = FastPath.head8(d);
            long srcMac = FastPath.srcMacOf(head8, FastPath.head4(d));
            if (srcMac != lastSrc || vlan != lastVlan) {
                macs.learn(MacTable.key(vlan, srcMac), src.portId, src.uid, now);
                lastSrc = srcMac;
                lastVlan = vlan;
                lastDst = -1;
            }
            if (!FastPath.isMulticastOf(head8)) {
                long dstMac = FastPath.dstMacOf(head8);
                int dst;
                if (dstMac == lastDst) {
                    dst = lastPort;
                } else {
                    dst = macs.lookup(MacTable.key(vlan, dstMac), now, uids);
                    lastDst = dstMac;
                    lastPort = dst;
                }
                if (dst != MacTable.MISS) {
                    if (dst == src.portId) {
                        drop(m); // the destination is behind the port it came from
                    } else {
                        sendOne(t.byPortId[dst], m, vlan, len);
                    }
                    continue;
                }
            }
            flood(t, src, m, vlan, len, flood);
        }
        PortLane in = src.lanes[lane];
        in.rxPackets += n;
        in.rxBytes += bytes;
        in.rxDrops += srcDrops;
        flush();
    }

    private void sendOne(SwitchPort dst, long m, int vlan, int len) {
        if (dst.trunk && vlan != 0) {
            if (!FastPath.pushVlan(m, vlan)) {
                drop(m);
                dst.lanes[lane].txDrops++;
                return;
            }
            len += 4;
        }
        stage(dst, m, len);
    }

    private void flood(PortTable t, SwitchPort src, long m, int vlan, int len, int[] members) {
        int untagged = 0;
        int tagged = 0;
        SwitchPort last = null;
        for (int id : members) {
            SwitchPort p = t.byPortId[id];
            if (p == src) {
                continue;
            }
            if (p.trunk && vlan != 0) {
                tagged++;
            } else {
                untagged++;
            }
            last = p;
        }
        if (untagged + tagged == 0) {
            drop(m);
            return;
        }
        if (untagged + tagged == 1) {
            sendOne(last, m, vlan, len);
            return;
        }
        // Trunks first, while the original is still untagged and exclusively ours: each gets its own tagged copy.
        if (tagged > 0) {
            for (int id : members) {
                SwitchPort p = t.byPortId[id];
                if (p == src || !(p.trunk && vlan != 0)) {
                    continue;
                }
                long copy = fp.copy(m);
                if (copy == 0 || !FastPath.pushVlan(copy, vlan)) {
                    if (copy != 0) {
                        drop(copy);
                    }
                    p.lanes[lane].txDrops++;
                    continue;
                }
                stage(p, copy, len + 4);
            }
        }
        if (untagged == 0) {
            drop(m);
            return;
        }
        if (untagged > 1) {
            FastPath.setRefcnt(m, untagged); // each tx (or free of an unsent one) releases one reference
        }
        for (int id : members) {
            SwitchPort p = t.byPortId[id];
            if (p != src && !(p.trunk && vlan != 0)) {
                stage(p, m, len);
            }
        }
    }

    /** Queues {@code m} ({@code len} bytes as it will leave) for {@code dst}'s tx burst at the end of this burst. */
    private void stage(SwitchPort dst, long m, int len) {
        PortLane l = dst.lanes[lane];
        int c = l.txCount;
        if (c == 0) {
            dirty[dirtyCount++] = dst;
        }
        l.tx.set(c, m);
        l.txStagedBytes += len;
        l.txCount = c + 1;
    }

    private void drop(long m) {
        drops.set(dropCount++, m);
    }

    private void flush() {
        for (int i = 0; i < dirtyCount; i++) {
            SwitchPort p = dirty[i];
            dirty[i] = null;
            PortLane l = p.lanes[lane];
            int c = l.txCount;
            long bytes = l.txStagedBytes;
            l.txCount = 0;
            l.txStagedBytes = 0;
            int sent;
            if (p.sharedTx) {
                p.lockTx();
                try {
                    sent = fp.txBurst(p.portId, 0, l.tx, 0, c);
                } finally {
                    p.unlockTx();
                }
            } else {
                sent = fp.txBurst(p.portId, txQueue, l.tx, 0, c); // queue 0 with one PMD, else this PMD's own
            }
            if (sent < c) {
                for (int k = sent; k < c; k++) {
                    bytes -= FastPath.pktLen(l.tx.get(k)); // still ours: the PMD did not take it
                }
                fp.free(l.tx, sent, c - sent);
                l.txDrops += c - sent;
            }
            l.txPackets += sent;
            l.txBytes += bytes;
        }
        dirtyCount = 0;
        if (dropCount > 0) {
            fp.free(drops, 0, dropCount);
            dropCount = 0;
        }
    }

    // ---- control path (PmdSet) ----

    void offer(PortTable t) {
        table = t;
    }

    /** True once this PMD no longer references any table older than {@code epoch} (or runs no more). */
    boolean acknowledged(long epoch) {
        return ackedEpoch >= epoch || !running || failure != null;
    }

    void stop() {
        running = false;
    }

    boolean running() {
        return running && failure == null;
    }

    Throwable failure() {
        return failure;
    }

    /** {busy nanoseconds (non-empty bursts, rx to tx), packets received, rounds polled, non-empty bursts} so far. */
    long[] counters() {
        return new long[] {busyNanos, forwardedPackets, rounds, bursts};
    }
}
