package dev.fastpath.api.crds;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed CRDs enforce what the API promises: every good sample and example passes the openAPIV3Schema
 * and every CEL rule; every bad sample is rejected with exactly the errors it declares, each naming the field;
 * every CEL rule compiles and is exercised by a bad sample, as is every enum, range, pattern, length, item
 * count and required field.
 */
class SampleValidationTest {

    /** x-kubernetes-validations[].reason values the API server accepts. */
    private static final Set<String> KUBERNETES_RULE_REASONS =
            Set.of("FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate");

    private static Map<String, ApiServerValidation> byKind;

    @BeforeAll
    static void loadCrds() {
        byKind = new TreeMap<>();
        CrdFile.committed().forEach((kind, crd) -> byKind.put(kind, new ApiServerValidation(crd)));
        assertEquals(Set.of("NetworkAttachment", "NodePolicy", "NodeState"), byKind.keySet(),
                "committed CRDs under " + CrdFile.COMMITTED_DIR.toAbsolutePath().normalize());
    }

    static List<Samples> good() {
        return Samples.good();
    }

    static List<Samples> bad() {
        return Samples.bad();
    }

    private static List<Violation> validate(Samples sample) {
        ApiServerValidation validation = byKind.get(sample.kind());
        assertNotNull(validation, sample + ": no CRD for kind " + sample.kind());
        return validation.validate(sample.object());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void goodSampleIsAccepted(Samples sample) {
        List<Violation> violations = validate(sample);
        assertTrue(violations.isEmpty(), sample + " must be accepted, but: " + violations);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badSampleIsRejectedNamingTheField(Samples sample) {
        assertFalse(sample.expectations().isEmpty(), sample + " declares no '# expect: <field path>: <message>'");
        List<Violation> violations = validate(sample);
        assertFalse(violations.isEmpty(), sample + " must be rejected");
        List<String> rendered = violations.stream().map(Violation::render).toList();
        for (String expected : sample.expectations()) {
            assertTrue(rendered.stream().anyMatch(r -> r.contains(expected)),
                    sample + ": expected a rejection containing '" + expected + "', got " + rendered);
        }
        for (String actual : rendered) {
            assertTrue(sample.expectations().stream().anyMatch(actual::contains),
                    sample + ": unexpected rejection '" + actual + "' (declared: " + sample.expectations() + ")");
        }
        for (Violation violation : violations) {
            assertFalse(violation.path().isEmpty(), sample + ": rejection does not name the field: " + violation);
        }
    }

    @Test
    void everyCelRuleCompilesAgainstItsSchemaType() {
        List<String> failures = new ArrayList<>();
        int rules = 0;
        for (ApiServerValidation validation : byKind.values()) {
            for (var version : validation.crd().schemasByVersion().keySet()) {
                for (CelRuleCheck.Rule rule : validation.celCheck(version).rules()) {
                    rules++;
                    if (rule.compileError() != null) {
                        failures.add(validation.crd().kind() + " " + rule.location() + ": " + rule.rule() + "\n"
                                + rule.compileError());
                    }
                    if (rule.reason() != null && !KUBERNETES_RULE_REASONS.contains(rule.reason())) {
                        failures.add(validation.crd().kind() + " " + rule.location() + ": reason " + rule.reason()
                                + " is not one Kubernetes accepts " + KUBERNETES_RULE_REASONS);
                    }
                    if (rule.fieldPath() != null && !rule.fieldNames().contains(rule.fieldPath().substring(1).split("[.\\[]")[0])) {
                        failures.add(validation.crd().kind() + " " + rule.location() + ": fieldPath " + rule.fieldPath()
                                + " is not a field of " + rule.fieldNames());
                    }
                    if (rule.message() == null || rule.fieldNames().stream().noneMatch(rule.message()::contains)) {
                        failures.add(validation.crd().kind() + " " + rule.location() + ": message '" + rule.message()
                                + "' names none of the fields " + rule.fieldNames() + " of rule " + rule.rule());
                    }
                }
            }
        }
        assertTrue(rules > 20, "expected the CRDs to carry the CEL rules, found " + rules);
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void everyCelRuleRejectsAtLeastOneBadSample() {
        Set<String> allRules = new TreeSet<>();
        for (ApiServerValidation validation : byKind.values()) {
            for (var version : validation.crd().schemasByVersion().keySet()) {
                validation.celCheck(version).rules().forEach(r -> allRules.add(validation.crd().kind() + " "
                        + r.coverageKey()));
            }
        }
        Set<String> hit = new HashSet<>();
        for (Samples sample : Samples.bad()) {
            validate(sample).stream().filter(v -> v.source().equals("cel"))
                    .forEach(v -> hit.add(sample.kind() + " " + v.coverage()));
        }
        assertTrue(allRules.size() >= 40, "expected the CEL rules of all three CRDs, found " + allRules.size());
        Set<String> missed = new TreeSet<>(allRules);
        missed.removeAll(hit);
        assertTrue(missed.isEmpty(), "CEL rules no bad sample violates:\n" + String.join("\n", missed));
    }

    @Test
    void everySchemaConstraintRejectsAtLeastOneBadSample() {
        Set<String> constraints = new TreeSet<>();
        for (ApiServerValidation validation : byKind.values()) {
            for (var version : validation.crd().schemasByVersion().keySet()) {
                validation.schemaCheck(version).constraintKeys()
                        .forEach(k -> constraints.add(validation.crd().kind() + " " + k));
            }
        }
        Set<String> hit = new HashSet<>();
        for (Samples sample : Samples.bad()) {
            validate(sample).stream().filter(v -> v.source().startsWith("schema:"))
                    .forEach(v -> hit.add(sample.kind() + " " + v.coverage()));
        }
        assertTrue(constraints.size() >= 100, "expected the constraints of all three CRDs, found " + constraints.size());
        Set<String> missed = new TreeSet<>(constraints);
        missed.removeAll(hit);
        assertTrue(missed.isEmpty(), "schema constraints no bad sample violates (kind keyword:field):\n"
                + missed.stream().collect(Collectors.joining("\n")));
    }

    /**
     * The API server only accepts structural schemas: every node has a type (unless it preserves unknown fields
     * or is int-or-string), and an object declares either properties or additionalProperties, not both.
     */
    @Test
    void schemasAreStructural() {
        List<String> problems = new ArrayList<>();
        for (ApiServerValidation validation : byKind.values()) {
            validation.crd().schemasByVersion().forEach((version, schema) ->
                    checkStructural(schema, validation.crd().kind() + " " + version, problems));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @SuppressWarnings("unchecked")
    private static void checkStructural(Map<String, Object> schema, String path, List<String> problems) {
        boolean free = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                || Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"));
        if (!schema.containsKey("type") && !free) {
            problems.add(path + ": no type");
        }
        if (schema.containsKey("properties") && schema.containsKey("additionalProperties")) {
            problems.add(path + ": both properties and additionalProperties");
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> checkStructural((Map<String, Object>) v, path + "." + k, problems));
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            checkStructural((Map<String, Object>) items, path + "[]", problems);
        } else if ("array".equals(schema.get("type"))) {
            problems.add(path + ": array without items");
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            checkStructural((Map<String, Object>) values, path + "{}", problems);
        }
    }

    @Test
    void everyKindHasGoodAndBadSamples() {
        for (String kind : byKind.keySet()) {
            assertTrue(Samples.good().stream().anyMatch(s -> kind.equals(s.kind())), "no good sample of " + kind);
            assertTrue(Samples.bad().stream().anyMatch(s -> kind.equals(s.kind())), "no bad sample of " + kind);
        }
        if (Samples.bad().isEmpty()) {
            fail("no bad samples");
        }
    }
}
