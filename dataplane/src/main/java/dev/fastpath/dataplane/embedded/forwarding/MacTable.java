package dev.fastpath.dataplane.embedded.forwarding;

/**
 * The learning table: (vlan, mac) -> port, with aging, in one primitive array (no allocation, no boxing). Each
 * entry is 4 longs (key, port, last seen, spare) so a lookup touches one cache line. Open addressing over a
 * bounded probe window; entries are never deleted, only overwritten, so a key is always found before the first
 * empty slot of its window. A stale entry (aged out, or naming a port that has since been removed) reads as a
 * miss. Used by one PMD thread only.
 */
final class MacTable {
    static final int MISS = -1;
    private static final int WINDOW = 8;
    private static final int STRIDE = 4;
    private static final int KEY = 0;
    private static final int VALUE = 1; // (port uid << 16) | ethdev port id
    private static final int SEEN = 2;  // System.nanoTime of the last packet from that source

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
                    t[i + VALUE] = value;
                    t[i + SEEN] = now;
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
        t[victim + KEY] = key;
        t[victim + VALUE] = value;
        t[victim + SEEN] = now;
    }

    /** The ethdev port id learned for the key, or {@link #MISS}; {@code uids} validates that the port still exists. */
    int lookup(long key, long now, int[] uids) {
        int start = home(key) * STRIDE;
        int end = start + WINDOW * STRIDE;
        long[] t = table;
        for (int i = start; i < end; i += STRIDE) {
            long k = t[i + KEY];
            if (k == key) {
                if (now - t[i + SEEN] > agingNanos) {
                    return MISS;
                }
                long v = t[i + VALUE];
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
