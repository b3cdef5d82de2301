package dev.fastpath.dataplane.embedded.forwarding;

import dev.fastpath.dataplane.embedded.dpdk.FastPath;
import dev.fastpath.dataplane.embedded.dpdk.MbufArray;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The L2 learning switch's burst loop, run by one pinned PMD thread. Per round it polls every port once; for each
 * received burst it learns source MACs, picks destinations (learned port, or flooding within the VLAN), stages
 * packets per destination and flushes each destination with one tx burst. Access ports carry one VLAN untagged;
 * trunks carry 802.1q tags, popped on the way in and pushed on the way out. A flood shares one mbuf between its
 * untagged destinations by raising its refcount and copies it only for trunks that need their own tag.
 *
 * <p>The loop allocates nothing: native pointer arrays and counters are preallocated, the MAC table is primitive
 * arrays, ports are read from an immutable {@link PortTable} swapped in by the control path.
 */
public final class Forwarder implements Runnable {
    private static final int BURST = SwitchPort.BURST;

    private final FastPath fp;
    private final MacTable macs;
    private final MbufArray rx = new MbufArray(BURST);
    private final MbufArray drops = new MbufArray(BURST);
    private final SwitchPort[] dirty = new SwitchPort[PortTable.MAX_PORTS];

    private volatile PortTable table = PortTable.empty();
    private volatile long ackedEpoch;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long epochs;

    // Busy-time accounting, written by the PMD thread once per non-empty burst.
    private long busyNanos;
    private long forwardedPackets;
    private long rounds;
    private int dropCount;
    private int dirtyCount;

    public Forwarder(FastPath fp, Duration macAging) {
        this.fp = fp;
        this.macs = new MacTable(1 << 14, macAging.toNanos());
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
                        continue;
                    }
                    forwardBurst(t, src, n, start);
                    long end = System.nanoTime();
                    busyNanos += end - start;
                    forwardedPackets += n;
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
            macs.learn(MacTable.key(vlan, FastPath.srcMac(d)), src.portId, src.uid, now);
            if (!FastPath.isMulticast(d)) {
                int dst = macs.lookup(MacTable.key(vlan, FastPath.dstMac(d)), now, uids);
                if (dst != MacTable.MISS) {
                    if (dst == src.portId) {
                        drop(m); // the destination is behind the port it came from
                    } else {
                        sendOne(t.byPortId[dst], m, vlan);
                    }
                    continue;
                }
            }
            flood(t, src, m, vlan, flood);
        }
        src.rxPackets += n;
        src.rxBytes += bytes;
        src.rxDrops += srcDrops;
        flush();
    }

    private void sendOne(SwitchPort dst, long m, int vlan) {
        if (dst.trunk && vlan != 0 && !FastPath.pushVlan(m, vlan)) {
            drop(m);
            dst.txDrops++;
            return;
        }
        stage(dst, m);
    }

    private void flood(PortTable t, SwitchPort src, long m, int vlan, int[] members) {
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
            sendOne(last, m, vlan);
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
                    p.txDrops++;
                    continue;
                }
                stage(p, copy);
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
                stage(p, m);
            }
        }
    }

    private void stage(SwitchPort dst, long m) {
        int c = dst.txCount;
        if (c == 0) {
            dirty[dirtyCount++] = dst;
        }
        dst.tx.set(c, m);
        dst.txLen[c] = FastPath.pktLen(m);
        dst.txCount = c + 1;
    }

    private void drop(long m) {
        drops.set(dropCount++, m);
    }

    private void flush() {
        for (int i = 0; i < dirtyCount; i++) {
            SwitchPort p = dirty[i];
            dirty[i] = null;
            int c = p.txCount;
            p.txCount = 0;
            int sent = fp.txBurst(p.portId, 0, p.tx, 0, c);
            long bytes = 0;
            for (int k = 0; k < sent; k++) {
                bytes += p.txLen[k];
            }
            p.txPackets += sent;
            p.txBytes += bytes;
            if (sent < c) {
                fp.free(p.tx, sent, c - sent);
                p.txDrops += c - sent;
            }
        }
        dirtyCount = 0;
        if (dropCount > 0) {
            fp.free(drops, 0, dropCount);
            dropCount = 0;
        }
    }

    // ---- control path ----

    /**
     * Publishes a new port set and waits until the PMD thread has picked it up, so that a port missing from
     * {@code ports} is no longer touched by the data path when this returns (it may then be stopped and closed).
     */
    public synchronized void publish(List<SwitchPort> ports, Duration timeout) {
        long epoch = ++epochs;
        table = new PortTable(ports, epoch);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ackedEpoch < epoch) {
            if (!running || failure != null) {
                return; // the loop is gone: nothing touches the ports any more
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the PMD thread did not acknowledge the new port table within " + timeout);
            }
            Thread.onSpinWait();
        }
    }

    public void stop() {
        running = false;
    }

    public boolean running() {
        return running && failure == null;
    }

    public Throwable failure() {
        return failure;
    }

    /** Busy nanoseconds (time spent in rounds' non-empty bursts), packets received and rounds polled so far. */
    public long[] pmdCounters() {
        return new long[] {busyNanos, forwardedPackets, rounds};
    }

    public int learnedMacs() {
        return macs.size(System.nanoTime());
    }
}
