package dev.fastpath.api.crds;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CEL rules stay far inside the API server's cost limits on the largest objects the schema admits.
 *
 * <p>Kubernetes rejects a CRD whose rule's estimated cost (per evaluation, times the number of places the rule
 * applies) exceeds 10M units, or whose rules together exceed 100M, and rejects an object whose evaluation
 * exceeds 1M units in one call or 10M in total. Without an API server here, the test builds the worst case the
 * schema allows (every list at maxItems, every rule iterating fully because the object is valid), counts the
 * expression nodes cel-java evaluates (about one cost unit each), and requires a margin under each limit.
 */
class CelCostTest {

    private static final long PER_CALL_LIMIT = 1_000_000;
    private static final long RUNTIME_BUDGET = 10_000_000;
    private static final long ESTIMATED_PER_RULE_LIMIT = 10_000_000;
    /**
     * Counting evaluated nodes overestimates Kubernetes' cost (identifiers and literals are free there), so a 3x
     * margin under each limit leaves room for the estimator's pessimism about string operations.
     */
    private static final long MARGIN = 3;

    @Test
    void largestNodePolicyStaysInsideTheCostLimits() {
        Map<String, Object> policy = object("NodePolicy", null, policyLikeSpec(true));
        assertInsideLimits("NodePolicy", policy);
    }

    @Test
    void largestNodeStateStaysInsideTheCostLimits() {
        List<Object> pfs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Map<String, Object> pf = policyLikeSpec(false);
            pf.put("name", "ens785f" + i);
            pf.put("pci", String.format("0000:%02x:00.0", i));
            pfs.add(pf);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("pfs", pfs);
        spec.put("switch", switchConfig(false));
        List<Object> policies = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            policies.add("policy-" + i);
        }
        spec.put("policies", policies);
        assertInsideLimits("NodeState", object("NodeState", null, spec));
    }

    private static void assertInsideLimits(String kind, Map<String, Object> object) {
        ApiServerValidation validation = new ApiServerValidation(CrdFile.committed().get(kind));
        List<Violation> violations = validation.validate(object);
        assertTrue(violations.isEmpty(), "the worst-case " + kind + " must be valid, so every rule iterates fully: "
                + violations);
        Map<String, Object> schema = validation.crd().schemasByVersion().get("v1alpha1");
        Map<CelRuleCheck.Rule, CelRuleCheck.Steps> steps = validation.celCheck("v1alpha1").measure(schema, object);
        long total = 0;
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder(kind + " worst case, evaluated nodes per rule (max per call / total):\n");
        for (var entry : steps.entrySet()) {
            CelRuleCheck.Steps s = entry.getValue();
            total += s.total();
            table.append(String.format("%9d %10d  %s  %s%n", s.maxPerCall(), s.total(), entry.getKey().location(),
                    abbreviate(entry.getKey().rule())));
            if (s.maxPerCall() * MARGIN > PER_CALL_LIMIT) {
                problems.add(entry.getKey().location() + " costs " + s.maxPerCall() + " per call: " + entry.getKey().rule());
            }
            if (s.total() * MARGIN > ESTIMATED_PER_RULE_LIMIT) {
                problems.add(entry.getKey().location() + " costs " + s.total() + " over " + s.locations()
                        + " locations: " + entry.getKey().rule());
            }
        }
        table.append(String.format("total %d (runtime budget %d)%n", total, RUNTIME_BUDGET));
        System.out.print(table);
        if (total * MARGIN > RUNTIME_BUDGET) {
            problems.add("all rules together cost " + total);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + table);
    }

    private static String abbreviate(String rule) {
        return rule.length() > 70 ? rule.substring(0, 67) + "..." : rule;
    }

    private static Map<String, Object> object(String kind, String namespace, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "worst-case");
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "fastpath.dev/v1alpha1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }

    /** numVfs 128 in 32 groups of 3, 64 valid tcp4 rules with every field, the switch (policy: with a VF uplink). */
    private static Map<String, Object> policyLikeSpec(boolean policy) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (policy) {
            Map<String, Object> nic = new LinkedHashMap<>();
            nic.put("vendor", "8086");
            nic.put("deviceIDs", repeat(16, i -> String.format("%04x", 0x1500 + i)));
            nic.put("pfNames", repeat(64, i -> "ens" + i));
            nic.put("rootDevices", repeat(64, i -> String.format("0000:%02x:00.0", i)));
            spec.put("nicSelector", nic);
        }
        spec.put("numVfs", 128);
        spec.put("vfGroups", repeat(32, i -> Map.of("range", (3 * i) + "-" + (3 * i + 2), "pool", "pool-" + (i % 4),
                "driver", (i % 4) < 2 ? "iavf" : "vfio-pci")));
        spec.put("flowRules", repeat(64, i -> Map.of("name", "rule-" + i, "flowType", "tcp4",
                "srcIp", "10.0." + (i / 256) + "." + (i % 256) + "/32", "dstIp", "192.168.0." + i,
                "srcPort", 1000 + i, "dstPort", 80, "location", i, "action", Map.of("vf", i % 120))));
        if (policy) {
            spec.put("switch", switchConfig(true));
        }
        return spec;
    }

    private static Map<String, Object> switchConfig(boolean vfUplink) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enabled", true);
        config.put("pmdCores", repeat(64, i -> i));
        config.put("uplink", vfUplink ? Map.of("vf", 127) : Map.of("pfName", "ens785f1"));
        return config;
    }

    private static List<Object> repeat(int n, java.util.function.IntFunction<Object> item) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(item.apply(i));
        }
        return list;
    }
}
