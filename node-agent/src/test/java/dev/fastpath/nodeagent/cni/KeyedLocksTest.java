package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
    @Test
    void sameKeyIsExclusiveAndLocksAreDroppedWhenFree() {
        KeyedLocks locks = new KeyedLocks();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        IntStream.range(0, 64).parallel().forEach(i -> locks.withLock("pod/net1", () -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            inside.decrementAndGet();
            return null;
        }));
        assertEquals(1, maxInside.get());
        IntStream.range(0, 100).parallel().forEach(i -> locks.withLock("pod" + i, () -> null));
        assertEquals(0, locks.size());
    }
}
