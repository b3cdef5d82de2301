package dev.fastpath.api.crds;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates objects against a CRD's openAPIV3Schema with a JSON-schema validator (networknt, draft 4, which is
 * what OpenAPI 3.0 schemas are based on). The structural-schema extensions are translated to what they mean for
 * the API server:
 * <ul>
 *   <li>an object schema with {@code properties} and without {@code x-kubernetes-preserve-unknown-fields} gets
 *       {@code additionalProperties: false}: kubectl's default strict field validation rejects unknown fields
 *       (the server would otherwise prune them silently);</li>
 *   <li>{@code nullable: true} adds "null" to the type; {@code x-kubernetes-int-or-string} becomes
 *       integer-or-string;</li>
 *   <li>{@code x-kubernetes-validations} are left to {@link CelRuleCheck}; other {@code x-kubernetes-*} keys and
 *       {@code format} (int32/int64) carry no constraint the validator should apply.</li>
 * </ul>
 */
final class OpenApiSchemaCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> CONSTRAINT_KEYWORDS =
            Set.of("enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems");

    private final Schema schema;
    private final Map<String, Object> translated;

    OpenApiSchemaCheck(Map<String, Object> openApiV3Schema) {
        this.translated = translate(withObjectMetaFields(openApiV3Schema));
        Map<String, Object> root = new LinkedHashMap<>(translated);
        root.put("$schema", "http://json-schema.org/draft-04/schema#");
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                .getSchema(JSON.valueToTree(root));
    }

    List<Violation> validate(Map<String, Object> object) {
        JsonNode instance = JSON.valueToTree(object);
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            String path = FieldPaths.fromNodePath(error.getInstanceLocation().toString());
            String keyword = error.getKeyword();
            if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
                path = FieldPaths.child(path, error.getProperty());
            }
            violations.add(new Violation(path, FieldPaths.stripLocation(error.getMessage()), "schema:" + keyword,
                    keyword + ":" + FieldPaths.schemaPath(path)));
        }
        return violations;
    }

    /** Every constraint of the schema as {@code <keyword>:<schema path>}, e.g. {@code pattern:spec.pfs[].name}. */
    Set<String> constraintKeys() {
        Set<String> keys = new TreeSet<>();
        collectConstraints(translated, "", keys);
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void collectConstraints(Map<String, Object> schema, String name, Set<String> keys) {
        for (String keyword : CONSTRAINT_KEYWORDS) {
            if (schema.containsKey(keyword) && !name.isEmpty()) {
                keys.add(keyword + ":" + name);
            }
        }
        if (schema.get("required") instanceof List<?> required) {
            required.forEach(r -> keys.add("required:" + FieldPaths.child(name, (String) r)));
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> collectConstraints((Map<String, Object>) v, FieldPaths.child(name, (String) k),
                    keys));
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            collectConstraints((Map<String, Object>) items, name + "[]", keys);
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            collectConstraints((Map<String, Object>) values, name + "{}", keys);
        }
    }

    /** The API server adds apiVersion, kind and metadata (validated on its own) to every CRD's root schema. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withObjectMetaFields(Map<String, Object> schema) {
        Map<String, Object> root = new LinkedHashMap<>(schema);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("apiVersion", Map.of("type", "string"));
        properties.put("kind", Map.of("type", "string"));
        properties.put("metadata", Map.of("type", "object"));
        properties.putAll((Map<String, Object>) schema.getOrDefault("properties", Map.of()));
        root.put("properties", properties);
        return root;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> translate(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (var entry : schema.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("x-kubernetes-") || key.equals("format") || key.equals("nullable")) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    ((Map<String, Object>) value).forEach((k, v) -> properties.put(k, translate((Map<String, Object>) v)));
                    out.put(key, properties);
                }
                case "items" -> out.put(key, translate((Map<String, Object>) value));
                case "additionalProperties" -> out.put(key, value instanceof Map<?, ?> m
                        ? translate((Map<String, Object>) m) : value);
                default -> out.put(key, value);
            }
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            out.remove("type");
            out.put("type", List.of("integer", "string"));
        }
        if (Boolean.TRUE.equals(schema.get("nullable")) && out.get("type") instanceof String type) {
            out.put("type", List.of(type, "null"));
        }
        if (schema.containsKey("properties") && !preserveUnknown && !schema.containsKey("additionalProperties")) {
            out.put("additionalProperties", false);
        }
        return out;
    }
}
