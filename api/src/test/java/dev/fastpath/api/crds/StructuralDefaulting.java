package dev.fastpath.api.crds;

import java.util.List;
import java.util.Map;

/**
 * Applies the schema's {@code default}s to an object the way the API server does before it validates: a missing
 * property with a default gets it, inside every object that is present (also in array items and map values).
 */
final class StructuralDefaulting {

    private StructuralDefaulting() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> schema, Object value) {
        if (schema == null || value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            if (properties != null) {
                for (var property : properties.entrySet()) {
                    Map<String, Object> propertySchema = (Map<String, Object>) property.getValue();
                    if (!object.containsKey(property.getKey()) && propertySchema.containsKey("default")) {
                        object.put(property.getKey(), SampleObjects.deepCopy(propertySchema.get("default")));
                    }
                    apply(propertySchema, object.get(property.getKey()));
                }
            }
            if (schema.get("additionalProperties") instanceof Map<?, ?> valueSchema) {
                for (Object entry : object.values()) {
                    apply((Map<String, Object>) valueSchema, entry);
                }
            }
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (Object item : list) {
                apply((Map<String, Object>) items, item);
            }
        }
    }
}
