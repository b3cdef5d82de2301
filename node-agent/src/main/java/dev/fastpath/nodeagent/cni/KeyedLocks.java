package dev.fastpath.nodeagent.cni;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per attachment (container id + ifname): the runtime never runs two operations for one container at
 * once, but GC and crash recovery may meet a late DEL. Different pods never wait for each other. A lock
 * lives only while someone holds or waits for it, so a long-running agent does not keep one per pod ever seen.
 */
public final class KeyedLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<Object, Entry> locks = new ConcurrentHashMap<>();

    public <T> T withLock(Object key, Supplier<T> work) {
        Entry entry = locks.compute(key, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.compute(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Locks currently held or waited for (for tests). */
    int size() {
        return locks.size();
    }
}
