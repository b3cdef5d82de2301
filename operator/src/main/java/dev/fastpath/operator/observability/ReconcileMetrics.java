package dev.fastpath.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's own Prometheus metrics (JOSDK adds its generic operator.sdk.* ones):
 * {@code fastpath_reconcile_total{kind,result}}, {@code fastpath_reconcile_duration_seconds{kind}},
 * {@code fastpath_reconcile_errors_total{kind}} and {@code fastpath_nodes_synced} / {@code fastpath_nodes_matched}.
 */
public class ReconcileMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger nodesSynced = new AtomicInteger();
    private final AtomicInteger nodesMatched = new AtomicInteger();

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("fastpath_nodes_synced", nodesSynced);
        registry.gauge("fastpath_nodes_matched", nodesMatched);
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void finished(String kind, Timer.Sample sample, String result) {
        sample.stop(Timer.builder("fastpath_reconcile_duration_seconds").tag("kind", kind)
                .description("Time spent in one reconcile").register(registry));
        Counter.builder("fastpath_reconcile_total").tag("kind", kind).tag("result", result)
                .description("Reconciles by kind and result").register(registry).increment();
    }

    public void failed(String kind, Timer.Sample sample) {
        finished(kind, sample, "error");
        Counter.builder("fastpath_reconcile_errors_total").tag("kind", kind)
                .description("Reconciles that threw").register(registry).increment();
    }

    public void nodes(int matched, int synced) {
        nodesMatched.set(matched);
        nodesSynced.set(synced);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
