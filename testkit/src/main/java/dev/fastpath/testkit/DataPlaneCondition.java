package dev.fastpath.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Enables {@link DataPlane} tests only where DPDK can really run. */
public final class DataPlaneCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, DataPlane.class))
                .map(dp -> Prerequisites.evaluate("data-plane", Prerequisites.missingForDataPlane(dp.hugepages(), dp.commands())))
                .orElse(ConditionEvaluationResult.enabled("no @DataPlane here"));
    }
}
