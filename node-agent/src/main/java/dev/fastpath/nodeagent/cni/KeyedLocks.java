package dev.fastpath.nodeagent.cni;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per attachment (container id + ifname): the runtime never runs two operations for one container at
 * once, but GC and crash recovery may meet a late DEL. Different pods never wait for each other.
 */
public final class KeyedLocks {
    private final ConcurrentHashMap<Object, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withLock(Object key, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
