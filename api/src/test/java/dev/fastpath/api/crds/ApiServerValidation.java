package dev.fastpath.api.crds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API server checks when an object of a CRD is created: defaults applied, then the openAPIV3Schema
 * (JSON-schema validator) and the CEL rules (cel-java), errors from both reported together.
 */
final class ApiServerValidation {

    private final CrdFile crd;
    private final Map<String, OpenApiSchemaCheck> schemaChecks = new java.util.HashMap<>();
    private final Map<String, CelRuleCheck> celChecks = new java.util.HashMap<>();

    ApiServerValidation(CrdFile crd) {
        this.crd = crd;
        crd.schemasByVersion().forEach((version, schema) -> {
            schemaChecks.put(version, new OpenApiSchemaCheck(schema));
            celChecks.put(version, new CelRuleCheck(schema));
        });
    }

    CrdFile crd() {
        return crd;
    }

    OpenApiSchemaCheck schemaCheck(String version) {
        return schemaChecks.get(version);
    }

    CelRuleCheck celCheck(String version) {
        return celChecks.get(version);
    }

    @SuppressWarnings("unchecked")
    List<Violation> validate(Map<String, Object> sample) {
        String apiVersion = (String) sample.get("apiVersion");
        String version = apiVersion == null ? "" : apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (apiVersion == null || !apiVersion.startsWith(crd.group() + "/") || !schemaChecks.containsKey(version)) {
            return List.of(new Violation("apiVersion", "no version " + apiVersion + " in " + crd.file(), "apiVersion",
                    "apiVersion"));
        }
        Map<String, Object> object = (Map<String, Object>) SampleObjects.deepCopy(sample);
        Map<String, Object> schema = crd.schemasByVersion().get(version);
        StructuralDefaulting.apply(schema, object);
        List<Violation> violations = new ArrayList<>(schemaChecks.get(version).validate(object));
        // Like the API server, CEL rules are not evaluated when a required field is missing or a value has the
        // wrong type: the rules may assume both (apiextensions-apiserver hasBlockingErr).
        boolean blocking = violations.stream().anyMatch(v -> v.source().equals("schema:required")
                || v.source().equals("schema:type"));
        if (!blocking) {
            violations.addAll(celChecks.get(version).validate(schema, object));
        }
        return violations;
    }
}
