package dev.fastpath.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusAggregatorTest {

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-03-01T10:00:00.750Z"), ZoneOffset.UTC);
    private static final Clock T2 = Clock.fixed(Instant.parse("2026-03-01T11:30:00Z"), ZoneOffset.UTC);

    @Test
    void stampsGenerationAndTransitionTime() {
        List<Condition> first = StatusAggregator.forGeneration(3L, null, T1)
                .condition("Ready", false, "PoolUnknown", "no NodePolicy defines pool a").conditions();
        assertEquals(1, first.size());
        assertEquals("False", first.getFirst().getStatus());
        assertEquals(3L, first.getFirst().getObservedGeneration());
        assertEquals("2026-03-01T10:00:00Z", first.getFirst().getLastTransitionTime());
    }

    @Test
    void keepsTransitionTimeWhileStatusHoldsEvenIfReasonChanges() {
        List<Condition> first = StatusAggregator.forGeneration(1L, null, T1)
                .condition("Ready", false, "PoolUnknown", "a").conditions();
        List<Condition> second = StatusAggregator.forGeneration(2L, first, T2)
                .condition("Ready", false, "NoNodeOffersPool", "b").conditions();
        assertEquals("2026-03-01T10:00:00Z", second.getFirst().getLastTransitionTime());
        assertEquals(2L, second.getFirst().getObservedGeneration());
        assertEquals("NoNodeOffersPool", second.getFirst().getReason());
    }

    @Test
    void flipsTransitionTimeWhenStatusFlips() {
        List<Condition> first = StatusAggregator.forGeneration(1L, null, T1)
                .condition("Ready", false, "PoolUnknown", "a").conditions();
        List<Condition> second = StatusAggregator.forGeneration(1L, first, T2)
                .condition("Ready", true, "Ready", "b").conditions();
        assertEquals("2026-03-01T11:30:00Z", second.getFirst().getLastTransitionTime());
    }

    @Test
    void anUnchangedResultIsEqualSoNoPatchIsDue() {
        List<Condition> first = StatusAggregator.forGeneration(4L, null, T1)
                .condition("Ready", true, "Synced", "2 of 2").condition("Degraded", false, "NoErrors", "0").conditions();
        List<Condition> again = StatusAggregator.forGeneration(4L, first, T2)
                .condition("Ready", true, "Synced", "2 of 2").condition("Degraded", false, "NoErrors", "0").conditions();
        assertEquals(first, again);
        assertFalse(StatusAggregator.changed(first, again));
        List<Condition> moved = StatusAggregator.forGeneration(5L, first, T2)
                .condition("Ready", true, "Synced", "2 of 2").condition("Degraded", false, "NoErrors", "0").conditions();
        assertTrue(StatusAggregator.changed(first, moved), "a new generation is a change (observedGeneration)");
    }
}
