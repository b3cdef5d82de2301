package dev.fastpath.dataplane.embedded.forwarding;

import dev.fastpath.dataplane.embedded.dpdk.FastPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The switch's PMD threads as one unit: one {@link Forwarder} per pinned core, the MAC table they share, and the
 * assignment of ports to PMDs. Every port's rx queue is polled by exactly one PMD (a new port goes to the PMD
 * polling the fewest ports; it stays there); any PMD may transmit to any port.
 *
 * <p>A port change publishes one table per PMD under one epoch and returns only when every PMD has acknowledged
 * it, so a removed port is then touched by no PMD and may be stopped and closed.
 */
public final class PmdSet {
    private final Forwarder[] forwarders;
    private final int[] cores;
    private final MacTable macs;
    private long epochs;

    /**
     * @param mainFastPath the data path of the EAL main lcore (PMD 0); the other PMDs get their own views of it
     * @param cores the CPU of each PMD, PMD 0 first
     */
    public PmdSet(FastPath mainFastPath, List<Integer> cores, Duration macAging) {
        this.cores = cores.stream().mapToInt(Integer::intValue).toArray();
        this.macs = new MacTable(1 << 14, macAging.toNanos());
        this.forwarders = new Forwarder[this.cores.length];
        for (int i = 0; i < forwarders.length; i++) {
            forwarders[i] = new Forwarder(i == 0 ? mainFastPath : mainFastPath.forAnotherThread(), macs, i, forwarders.length);
        }
    }

    public int size() {
        return forwarders.length;
    }

    public int core(int pmd) {
        return cores[pmd];
    }

    /** The burst loop of PMD {@code pmd}, to be run by a thread pinned to {@link #core(int)}. */
    public Runnable loop(int pmd) {
        return forwarders[pmd];
    }

    /**
     * A port with one lane per PMD of this set. With a tx queue per PMD each PMD transmits on its own queue;
     * otherwise the PMDs share queue 0 under the port's lock.
     */
    public SwitchPort newPort(String name, int portId, int uid, int vlan, boolean trunk, int txQueues) {
        return new SwitchPort(name, portId, uid, vlan, trunk, forwarders.length, txQueues >= forwarders.length);
    }

    /**
     * Publishes a new port set and waits until every PMD has picked it up, so that a port missing from
     * {@code ports} is no longer touched by the data path when this returns.
     */
    public synchronized void publish(List<SwitchPort> ports, Duration timeout) {
        int[] load = new int[forwarders.length];
        for (SwitchPort p : ports) {
            if (p.pmd >= 0) {
                load[p.pmd]++;
            }
        }
        for (SwitchPort p : ports) {
            if (p.pmd < 0) {
                int least = 0;
                for (int i = 1; i < load.length; i++) {
                    if (load[i] < load[least]) {
                        least = i;
                    }
                }
                p.pmd = least;
                load[least]++;
            }
        }
        long epoch = ++epochs;
        for (int i = 0; i < forwarders.length; i++) {
            List<SwitchPort> polled = new ArrayList<>();
            for (SwitchPort p : ports) {
                if (p.pmd == i) {
                    polled.add(p);
                }
            }
            forwarders[i].offer(new PortTable(ports, polled, epoch));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < forwarders.length; i++) {
            while (!forwarders[i].acknowledged(epoch)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the PMD thread on core " + cores[i]
                            + " did not acknowledge the new port table within " + timeout);
                }
                Thread.onSpinWait();
            }
        }
    }

    public void stop() {
        for (Forwarder f : forwarders) {
            f.stop();
        }
    }

    /** True while every PMD runs. */
    public boolean running() {
        for (Forwarder f : forwarders) {
            if (!f.running()) {
                return false;
            }
        }
        return true;
    }

    /** Why a PMD stopped, naming its core; null while all run. */
    public String failure() {
        for (int i = 0; i < forwarders.length; i++) {
            if (!forwarders[i].running()) {
                Throwable f = forwarders[i].failure();
                return "PMD thread on core " + cores[i] + " stopped" + (f == null ? "" : ": " + f);
            }
        }
        return null;
    }

    /** Per PMD: {busy nanoseconds, packets received, rounds, non-empty bursts}. */
    public long[][] counters() {
        long[][] c = new long[forwarders.length][];
        for (int i = 0; i < forwarders.length; i++) {
            c[i] = forwarders[i].counters();
        }
        return c;
    }

    public int learnedMacs() {
        return macs.size(System.nanoTime());
    }
}
