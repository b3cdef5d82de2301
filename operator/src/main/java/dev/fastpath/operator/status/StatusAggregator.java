package dev.fastpath.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only way a Fastpath reconciler writes conditions. It collects the conditions a reconcile decided on,
 * stamps each with the observed generation and keeps the previous {@code lastTransitionTime} of a condition
 * whose status did not flip (the Kubernetes condition convention), so that an unchanged result yields an
 * equal status and {@link #changed(Object, Object)} lets the reconciler skip the status patch.
 */
public final class StatusAggregator {

    private final long observedGeneration;
    private final List<Condition> previous;
    private final Clock clock;
    private final Map<String, Condition> next = new LinkedHashMap<>();

    private StatusAggregator(long observedGeneration, List<Condition> previous, Clock clock) {
        this.observedGeneration = observedGeneration;
        this.previous = previous == null ? List.of() : previous;
        this.clock = clock;
    }

    public static StatusAggregator forGeneration(Long generation, List<Condition> previous) {
        return forGeneration(generation, previous, Clock.systemUTC());
    }

    public static StatusAggregator forGeneration(Long generation, List<Condition> previous, Clock clock) {
        return new StatusAggregator(generation == null ? 0L : generation, previous, clock);
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    /** Sets (or replaces) the condition of this type. */
    public StatusAggregator condition(String type, boolean status, String reason, String message) {
        next.put(type, new ConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason).withMessage(message).withObservedGeneration(observedGeneration).build());
        return this;
    }

    /** The conditions in the order they were set, with transition times carried over where status is unchanged. */
    public List<Condition> conditions() {
        List<Condition> result = new ArrayList<>(next.size());
        for (Condition wanted : next.values()) {
            Condition old = previous.stream().filter(c -> wanted.getType().equals(c.getType())).findFirst().orElse(null);
            String transition = old != null && Objects.equals(old.getStatus(), wanted.getStatus())
                    && old.getLastTransitionTime() != null
                    ? old.getLastTransitionTime()
                    : now();
            result.add(new ConditionBuilder(wanted).withLastTransitionTime(transition).build());
        }
        return List.copyOf(result);
    }

    /** Status objects of the api module implement equals: unequal means a patch is due. */
    public static boolean changed(Object previousStatus, Object newStatus) {
        return !Objects.equals(previousStatus, newStatus);
    }

    private String now() {
        // RFC 3339 with second precision, as the API server stores metav1.Time.
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }
}
