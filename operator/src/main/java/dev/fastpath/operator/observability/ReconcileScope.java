package dev.fastpath.operator.observability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.MDC;

/**
 * Puts the resource being reconciled into the logging MDC (keys {@code kind}, {@code namespace}, {@code name})
 * for every log line of one reconcile, and times it. Use in try-with-resources; call {@link #result(String)} or
 * let an exception propagate (counted as an error).
 */
public final class ReconcileScope implements AutoCloseable {

    private final ReconcileMetrics metrics;
    private final String kind;
    private final Timer.Sample sample;
    private String result;

    private ReconcileScope(ReconcileMetrics metrics, String kind) {
        this.metrics = metrics;
        this.kind = kind;
        this.sample = metrics.start();
    }

    public static ReconcileScope open(ReconcileMetrics metrics, HasMetadata resource) {
        String kind = resource.getKind();
        MDC.put("kind", kind);
        MDC.put("name", resource.getMetadata().getName());
        if (resource.getMetadata().getNamespace() != null) {
            MDC.put("namespace", resource.getMetadata().getNamespace());
        } else {
            MDC.remove("namespace");
        }
        return new ReconcileScope(metrics, kind);
    }

    public void result(String outcome) {
        this.result = outcome;
    }

    @Override
    public void close() {
        try {
            if (result == null) {
                metrics.failed(kind, sample);
            } else {
                metrics.finished(kind, sample, result);
            }
        } finally {
            MDC.remove("kind");
            MDC.remove("name");
            MDC.remove("namespace");
        }
    }
}
