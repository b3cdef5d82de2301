package dev.fastpath.operator.config;

import dev.fastpath.operator.nodestate.RolloutSettings;
import dev.fastpath.operator.observability.ReconcileMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * CDI wiring. Reconcilers and mutators take plain constructor arguments so the scale bench can build them
 * without Quarkus; this class is where the Quarkus app supplies them.
 */
public class OperatorBeans {

    @Produces
    @Singleton
    ReconcileMetrics reconcileMetrics(MeterRegistry registry) {
        return new ReconcileMetrics(registry);
    }

    @Produces
    @Singleton
    RolloutSettings rolloutSettings(FastpathOperatorConfig config) {
        return new RolloutSettings(config.rollout().maxUnavailable(), config.rollout().recheckInterval());
    }
}
