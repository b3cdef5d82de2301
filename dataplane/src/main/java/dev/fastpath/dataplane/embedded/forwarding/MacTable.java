package dev.fastpath.dataplane.embedded.forwarding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The learning table: (vlan, mac) -> port, with aging, in one primitive array (no allocation, no boxing). Each
 * entry is 4 longs (version, key, port, last seen) so a lookup touches one cache line. Open addressing over a
 * bounded probe window; entries are never deleted, only overwritten, so a key is always found before the first
 * empty slot of its window. A stale entry (aged out, or naming a port that has since been removed) reads as a
 * miss.
 *
 * <p>Shared by every PMD thread without a lock on the hot path: each slot carries a sequence number (seqlock). A
 * writer claims the slot by CAS-ing its even version to odd, writes key, port and time, then publishes the next
 * even version; a writer that loses the CAS skips that learn (the next packet from the station learns it). A
 * reader that sees an odd or changed version treats the slot as a miss: the packet is flooded within its own
 * VLAN, never sent by a half-written entry of another (vlan, mac). Unchanged entries are not rewritten (only
 * their timestamp, at most every {@code refreshNanos}), so with one PMD the table costs no CAS per packet.
 */
final class MacTable {
    static final int MISS = -1;
    private static final int WINDOW = 8;
    private static final int STRIDE = 4;
    private static final int VERSION = 0; // even: stable; odd: a writer owns the slot
    private static final int KEY = 1;
    private static final int VALUE = 2; // (port uid << 16) | ethdev port id
    private static final int SEEN = 3;  // System.nanoTime of the last packet from that source
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] table;
    private final int mask;
    private final int shift;
    private final long agingNanos;
    /** Refresh an unchanged entry's timestamp at most this often: saves a store per packet. */
    private final long refreshNanos;

    MacTable(int capacityPowerOfTwo, long agingNanos) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        this.table = new long[(capacityPowerOfTwo + WINDOW) * STRIDE];
        this.mask = capacityPowerOfTwo - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacityPowerOfTwo);
        this.agingNanos = agingNanos;
        this.refreshNanos = Math.min(agingNanos / 16, 1_000_000_000L);
    }

    /** Key 0 marks an empty slot, so keys carry a marker bit above vlan and mac. */
    static long key(int vlan, long mac48) {
        return (1L << 63) | ((long) vlan << 48) | mac48;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift) & mask;
    }

    void learn(long key, int port, int uid, long now) {
        long value = ((long) uid << 16) | port;
        int start = home(key) * STRIDE;
        int end = start + WINDOW * STRIDE;
        int victim = start;
        long oldest = Long.MAX_VALUE;
        long[] t = table;
        for (int i = start; i < end; i += STRIDE) {
            long k = t[i + KEY];
            if (k == key) {
                if (t[i + VALUE] != value || now - t[i + SEEN] > refreshNanos) {
                    write(i, key, value, now);
                }
                return;
            }
            if (k == 0) {
                victim = i;
                break;
            }
            if (t[i + SEEN] < oldest) {
                oldest = t[i + SEEN];
                victim = i;
            }
        }
        write(victim, key, value, now);
    }

    /** Seqlock write: claim (even -> odd), write, publish (next even). Skipped when another writer owns the slot. */
    private void write(int slot, long key, long value, long now) {
        long[] t = table;
        long v = (long) SLOT.getAcquire(t, slot + VERSION);
        if ((v & 1) != 0 || !SLOT.compareAndSet(t, slot + VERSION, v, v + 1)) {
            return; // another PMD is writing this slot right now
        }
        t[slot + KEY] = key;
        t[slot + VALUE] = value;
        t[slot + SEEN] = now;
        SLOT.setRelease(t, slot + VERSION, v + 2);
    }

    /** The ethdev port id learned for the key, or {@link #MISS}; {@code uids} validates that the port still exists. */
    int lookup(long key, long now, int[] uids) {
        int start = home(key) * STRIDE;
        int end = start + WINDOW * STRIDE;
        long[] t = table;
        for (int i = start; i < end; i += STRIDE) {
            long before = (long) SLOT.getAcquire(t, i + VERSION);
            long k = t[i + KEY];
            if (k == key) {
                long v = t[i + VALUE];
                long seen = t[i + SEEN];
                VarHandle.loadLoadFence();
                if ((before & 1) != 0 || before != t[i + VERSION] || now - seen > agingNanos) {
                    return MISS; // being rewritten (flood this one packet), or aged out
                }
                int port = (int) (v & 0xFFFF);
                return uids[port] == (int) (v >>> 16) ? port : MISS;
            }
            if (k == 0) {
                return MISS;
            }
        }
        return MISS;
    }

    /** Live entries (for stats); walks the whole table, so only for the control path. */
    int size(long now) {
        int n = 0;
        for (int i = 0; i < table.length; i += STRIDE) {
            if (table[i + KEY] != 0 && now - table[i + SEEN] <= agingNanos) {
                n++;
            }
        }
        return n;
    }
}
