package dev.fastpath.dataplane.embedded.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A preallocated native array of mbuf pointers ({@code struct rte_mbuf *[capacity]}) for bursts. */
public final class MbufArray {
    /** Accesses go through the global-scope whole-memory segment (no liveness check per access); {@code pointers} keeps the memory alive. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    final MemorySegment pointers;
    final long base;
    private final int capacity;

    public MbufArray(int capacity) {
        // Lives as long as the switch: ports come and go, but their arrays are small and few.
        this.pointers = Arena.ofAuto().allocate(JAVA_LONG, capacity);
        this.base = pointers.address();
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public long get(int i) {
        return ALL.get(JAVA_LONG, base + 8L * java.util.Objects.checkIndex(i, capacity));
    }

    public void set(int i, long mbuf) {
        ALL.set(JAVA_LONG, base + 8L * java.util.Objects.checkIndex(i, capacity), mbuf);
    }
}
