package dev.fastpath.dataplane.embedded.forwarding;

/**
 * The learning table: (vlan, mac) -> port, with aging, in primitive arrays (no allocation, no boxing). Open
 * addressing over a bounded probe window; entries are never deleted, only overwritten, so a key is always found
 * before the first empty slot of its window. A stale entry (aged out, or naming a port that has since been
 * removed) reads as a miss. Used by one PMD thread only.
 */
final class MacTable {
    static final int MISS = -1;
    private static final int WINDOW = 8;

    private final long[] keys;
    private final long[] values;   // (port uid << 16) | ethdev port id
    private final long[] seen;     // System.nanoTime of the last packet from that source
    private final int mask;
    private final int shift;
    private final long agingNanos;

    MacTable(int capacityPowerOfTwo, long agingNanos) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        this.keys = new long[capacityPowerOfTwo + WINDOW];
        this.values = new long[capacityPowerOfTwo + WINDOW];
        this.seen = new long[capacityPowerOfTwo + WINDOW];
        this.mask = capacityPowerOfTwo - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacityPowerOfTwo);
        this.agingNanos = agingNanos;
    }

    /** Key 0 marks an empty slot, so keys carry a marker bit above vlan and mac. */
    static long key(int vlan, long mac48) {
        return (1L << 63) | ((long) vlan << 48) | mac48;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift) & mask;
    }

    void learn(long key, int port, int uid, long now) {
        int start = home(key);
        int victim = start;
        long oldest = Long.MAX_VALUE;
        for (int i = start; i < start + WINDOW; i++) {
            long k = keys[i];
            if (k == key || k == 0) {
                keys[i] = key;
                values[i] = ((long) uid << 16) | port;
                seen[i] = now;
                return;
            }
            if (seen[i] < oldest) {
                oldest = seen[i];
                victim = i;
            }
        }
        keys[victim] = key;
        values[victim] = ((long) uid << 16) | port;
        seen[victim] = now;
    }

    /** The ethdev port id learned for the key, or {@link #MISS}; {@code uids} validates that the port still exists. */
    int lookup(long key, long now, int[] uids) {
        int start = home(key);
        for (int i = start; i < start + WINDOW; i++) {
            long k = keys[i];
            if (k == key) {
                if (now - seen[i] > agingNanos) {
                    return MISS;
                }
                long v = values[i];
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
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && now - seen[i] <= agingNanos) {
                n++;
            }
        }
        return n;
    }
}
