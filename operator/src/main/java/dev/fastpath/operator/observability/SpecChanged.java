package dev.fastpath.operator.observability;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Objects;

/**
 * Update filter for secondary resources whose spec is what matters: the API server bumps
 * {@code metadata.generation} only on spec changes, so status patches (ours or an agent's) are skipped.
 */
public final class SpecChanged {

    private SpecChanged() {
    }

    public static boolean accept(HasMetadata now, HasMetadata before) {
        return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration());
    }
}
