package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;

import java.util.Map;

/**
 * Schema stand-in for pass-through objects such as {@code ipam}: a JSON object with no declared properties, so
 * that, together with {@code @PreserveUnknownFields}, the CRD schema says "any object" (a plain
 * {@code Map<String, Object>} would make the generator require every value to be an object).
 */
final class FreeFormObject {

    private FreeFormObject() {
    }

    @JsonAnyGetter
    Map<String, Object> any() {
        return Map.of();
    }
}
