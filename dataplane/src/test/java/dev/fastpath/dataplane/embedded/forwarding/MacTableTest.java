package dev.fastpath.dataplane.embedded.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacTableTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void learnsPerVlanAgesAndForgetsRemovedPorts() {
        MacTable t = new MacTable(1 << 10, 300 * SECOND);
        int[] uids = new int[32];
        uids[3] = 7;
        uids[4] = 8;
        long mac = 0x0a_00_00_00_00_02L;
        t.learn(MacTable.key(10, mac), 3, 7, 0);
        assertEquals(3, t.lookup(MacTable.key(10, mac), SECOND, uids));
        assertEquals(MacTable.MISS, t.lookup(MacTable.key(20, mac), SECOND, uids), "same MAC, other VLAN");
        t.learn(MacTable.key(10, mac), 4, 8, 2 * SECOND); // the station moved
        assertEquals(4, t.lookup(MacTable.key(10, mac), 3 * SECOND, uids));
        assertEquals(MacTable.MISS, t.lookup(MacTable.key(10, mac), 303 * SECOND, uids), "aged out");
        t.learn(MacTable.key(10, mac), 4, 8, 400 * SECOND);
        uids[4] = 9; // port 4 was removed and its ethdev id reused by another port
        assertEquals(MacTable.MISS, t.lookup(MacTable.key(10, mac), 401 * SECOND, uids));
    }

    @Test
    void aFullWindowReplacesTheOldestEntryAndKeepsTheRestFindable() {
        MacTable t = new MacTable(1 << 4, 300 * SECOND);
        int[] uids = new int[32];
        uids[1] = 1;
        for (int i = 0; i < 200; i++) {
            t.learn(MacTable.key(1, i), 1, 1, i);
        }
        int found = 0;
        for (int i = 0; i < 200; i++) {
            if (t.lookup(MacTable.key(1, i), 200, uids) == 1) {
                found++;
            }
        }
        assertEquals(true, found > 0 && found <= 16 + 8, "bounded table keeps the newest entries, found " + found);
        assertEquals(1, t.lookup(MacTable.key(1, 199), 200, uids), "the newest entry is always kept");
    }

    /**
     * Two threads learn and look up keys that collide in a tiny table (so slots are overwritten all the time) while
     * a third looks them up: a lookup returns the port learned for exactly that key, or a miss, never the port of
     * another (vlan, mac) from a half-written slot.
     */
    @Test
    void concurrentLearnersNeverLeakAnotherKeysPort() throws Exception {
        MacTable t = new MacTable(1 << 2, 300 * SECOND);
        int keys = 24;
        int[] uids = new int[32];
        for (int k = 0; k < keys; k++) {
            uids[k] = 100 + k;
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong wrong = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();
        Runnable worker = () -> {
            java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
            while (!stop.get()) {
                int k = rnd.nextInt(keys);
                // key k lives in VLAN k and always belongs to port k
                t.learn(MacTable.key(k, 0x0200_0000_0000L + k), k, 100 + k, System.nanoTime());
                int q = rnd.nextInt(keys);
                int port = t.lookup(MacTable.key(q, 0x0200_0000_0000L + q), System.nanoTime(), uids);
                if (port != MacTable.MISS) {
                    hits.incrementAndGet();
                    if (port != q) {
                        wrong.incrementAndGet();
                    }
                }
            }
        };
        Thread[] threads = {new Thread(worker), new Thread(worker), new Thread(worker)};
        for (Thread th : threads) th.start();
        Thread.sleep(300);
        stop.set(true);
        for (Thread th : threads) th.join();
        assertEquals(0, wrong.get(), "lookups that returned another key's port");
        assertEquals(true, hits.get() > 0, "some lookups hit");
    }
}
