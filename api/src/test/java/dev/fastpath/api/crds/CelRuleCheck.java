package dev.fastpath.api.crds;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles every {@code x-kubernetes-validations} rule of a schema with cel-java and evaluates it wherever the
 * API server would: at every location of an object that the rule's schema node describes (array items and map
 * values included), with {@code self} bound to the value there.
 *
 * <p>Each rule is compiled twice. First type-checked against a CEL type built from the schema, as the API
 * server does (a struct per object schema, so a misspelt field or a type mismatch fails to compile), with a
 * boolean result; then with {@code self} dynamic, which is the program evaluated against the sample's maps.
 * Both environments have standard CEL plus the strings extension, the libraries Kubernetes enables that these
 * rules use.
 */
final class CelRuleCheck {

    /** A rule at a schema location ({@code spec.flowRules[]}) and what the compiler said about it. */
    record Rule(String location, String rule, String message, String fieldPath, String reason, List<String> fieldNames,
                String compileError, CelRuntime.Program program) {

        /** A rule counts as exercised per location: the same rule on NodePolicy and on NodeState.pfs[] are two. */
        String coverageKey() {
            return location + " " + rule;
        }
    }

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();

    private final Map<Map<String, Object>, List<Rule>> rulesBySchemaNode = new java.util.IdentityHashMap<>();
    private final List<Rule> allRules = new ArrayList<>();
    private final Map<String, CelType> structTypes = new LinkedHashMap<>();

    CelRuleCheck(Map<String, Object> openApiV3Schema) {
        compileAll(openApiV3Schema, "", "");
    }

    List<Rule> rules() {
        return allRules;
    }

    // ---- compilation

    @SuppressWarnings("unchecked")
    private void compileAll(Map<String, Object> schema, String location, String typeName) {
        if (schema.get("x-kubernetes-validations") instanceof List<?> validations) {
            CelType selfType = celType(schema, typeName.isEmpty() ? "root" : typeName);
            List<Rule> rules = new ArrayList<>();
            for (Object v : validations) {
                Map<String, Object> validation = (Map<String, Object>) v;
                Rule rule = compile(location, selfType, validation, fieldNames(schema, location));
                rules.add(rule);
                allRules.add(rule);
            }
            rulesBySchemaNode.put(schema, rules);
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> compileAll((Map<String, Object>) v, FieldPaths.child(location, (String) k),
                    typeName + "." + k));
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            compileAll((Map<String, Object>) items, location + "[]", typeName + "@items");
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            compileAll((Map<String, Object>) values, location + "{}", typeName + "@values");
        }
    }

    /** The names a rule's message may use for "the field": the object's properties, or the field itself. */
    private static List<String> fieldNames(Map<String, Object> schema, String location) {
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            return properties.keySet().stream().map(String.class::cast).toList();
        }
        String leaf = location.substring(location.lastIndexOf('.') + 1).replace("[]", "");
        return List.of(leaf);
    }

    private Rule compile(String location, CelType selfType, Map<String, Object> validation, List<String> fieldNames) {
        String text = (String) validation.get("rule");
        String message = (String) validation.get("message");
        String fieldPath = (String) validation.get("fieldPath");
        String reason = (String) validation.get("reason");
        CelTypeProvider provider = new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.copyOf(structTypes.values());
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return Optional.ofNullable(structTypes.get(typeName));
            }
        };
        CelCompiler typed = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(provider)
                .addVar("self", selfType)
                .setResultType(SimpleType.BOOL)
                .addLibraries(CelExtensions.strings())
                .build();
        CelCompiler dynamic = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("self", SimpleType.DYN)
                .addLibraries(CelExtensions.strings())
                .build();
        try {
            typed.compile(text).getAst();
            CelAbstractSyntaxTree ast = dynamic.compile(text).getAst();
            return new Rule(location, text, message, fieldPath, reason, fieldNames, null, RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            return new Rule(location, text, message, fieldPath, reason, fieldNames, e.getMessage(), null);
        }
    }

    /** The CEL type of values a schema node describes, as the API server declares it. */
    @SuppressWarnings("unchecked")
    private CelType celType(Map<String, Object> schema, String name) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields")) && !schema.containsKey("properties")) {
            return SimpleType.DYN;
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            return SimpleType.DYN;
        }
        String type = (String) schema.get("type");
        if (type == null) {
            return SimpleType.DYN;
        }
        switch (type) {
            case "string":
                return SimpleType.STRING;
            case "integer":
                return SimpleType.INT;
            case "number":
                return SimpleType.DOUBLE;
            case "boolean":
                return SimpleType.BOOL;
            case "array":
                return ListType.create(celType((Map<String, Object>) schema.get("items"), name + "@items"));
            case "object":
                if (schema.get("properties") instanceof Map<?, ?> properties) {
                    String structName = "fastpath.schema" + name.replace('@', '_');
                    Map<String, CelType> fields = new LinkedHashMap<>();
                    properties.forEach((k, v) -> fields.put((String) k,
                            celType((Map<String, Object>) v, name + "." + k)));
                    StructType struct = StructType.create(structName, ImmutableSet.copyOf(fields.keySet()),
                            field -> Optional.ofNullable(fields.get(field)));
                    structTypes.put(structName, struct);
                    return struct;
                }
                if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
                    return MapType.create(SimpleType.STRING, celType((Map<String, Object>) values, name + "@values"));
                }
                return SimpleType.DYN;
            default:
                return SimpleType.DYN;
        }
    }

    // ---- evaluation

    /** Evaluation steps of one rule over an object: the largest single evaluation and the sum over locations. */
    record Steps(long maxPerCall, long total, int locations) {
    }

    /**
     * Counts the expression nodes cel-java evaluates for every rule at every location of {@code object}: a
     * proxy for the API server's CEL cost units (about one per operation).
     */
    Map<Rule, Steps> measure(Map<String, Object> schema, Object object) {
        Map<Rule, Steps> steps = new java.util.LinkedHashMap<>();
        measureWalk(schema, object, steps);
        return steps;
    }

    @SuppressWarnings("unchecked")
    private void measureWalk(Map<String, Object> schema, Object value, Map<Rule, Steps> steps) {
        if (schema == null || value == null) {
            return;
        }
        for (Rule rule : rulesBySchemaNode.getOrDefault(schema, List.of())) {
            long[] count = {0};
            try {
                rule.program().trace(Map.of("self", SampleObjects.toCel(value)), (expr, result) -> count[0]++);
            } catch (CelEvaluationException e) {
                throw new IllegalStateException(rule.location() + ": " + e.getMessage(), e);
            }
            steps.merge(rule, new Steps(count[0], count[0], 1), (a, b) -> new Steps(Math.max(a.maxPerCall(),
                    b.maxPerCall()), a.total() + b.total(), a.locations() + b.locations()));
        }
        if (value instanceof Map<?, ?> map) {
            if (schema.get("properties") instanceof Map<?, ?> properties) {
                for (var property : properties.entrySet()) {
                    measureWalk((Map<String, Object>) property.getValue(), map.get(property.getKey()), steps);
                }
            }
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (Object item : list) {
                measureWalk((Map<String, Object>) items, item, steps);
            }
        }
    }

    /** Evaluates every rule at every matching location of {@code object}. */
    List<Violation> validate(Map<String, Object> schema, Object object) {
        List<Violation> violations = new ArrayList<>();
        walk(schema, object, "", violations);
        return violations;
    }

    @SuppressWarnings("unchecked")
    private void walk(Map<String, Object> schema, Object value, String path, List<Violation> violations) {
        if (schema == null || value == null) {
            return;
        }
        for (Rule rule : rulesBySchemaNode.getOrDefault(schema, List.of())) {
            evaluate(rule, value, path, violations);
        }
        if (value instanceof Map<?, ?> map) {
            if (schema.get("properties") instanceof Map<?, ?> properties) {
                for (var property : properties.entrySet()) {
                    Object child = map.get(property.getKey());
                    walk((Map<String, Object>) property.getValue(), child,
                            FieldPaths.child(path, (String) property.getKey()), violations);
                }
            }
            if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
                for (var entry : map.entrySet()) {
                    walk((Map<String, Object>) values, entry.getValue(),
                            FieldPaths.child(path, (String) entry.getKey()), violations);
                }
            }
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                walk((Map<String, Object>) items, list.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static void evaluate(Rule rule, Object value, String path, List<Violation> violations) {
        if (rule.program() == null) {
            violations.add(new Violation(path, "rule does not compile: " + rule.compileError(), "cel", rule.coverageKey()));
            return;
        }
        try {
            Object result = rule.program().eval(Map.of("self", SampleObjects.toCel(value)));
            if (!Boolean.TRUE.equals(result)) {
                String field = rule.fieldPath() == null ? path : path + rule.fieldPath();
                violations.add(new Violation(field, rule.message(), "cel", rule.coverageKey()));
            }
        } catch (CelEvaluationException e) {
            violations.add(new Violation(path, "rule evaluation error: " + e.getMessage() + " (rule: " + rule.rule() + ")",
                    "cel", rule.coverageKey()));
        }
    }
}
