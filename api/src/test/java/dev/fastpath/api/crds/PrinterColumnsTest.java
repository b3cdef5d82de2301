package dev.fastpath.api.crds;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code kubectl get} shows: the short names, the category {@code fastpath}, the columns in the declared order, and every column's
 * JSON path pointing at a field of the schema with the column's type (kubectl shows a wrong path as an empty
 * column, silently).
 */
class PrinterColumnsTest {

    @Test
    @SuppressWarnings("unchecked")
    void columnsAndShortNames() throws IOException {
        Map<String, List<String>> expectedColumns = Map.of(
                "networkattachments.fastpath.dev-v1.yml", List.of("Type", "Pool", "VLAN", "MTU", "Resource", "Ready", "Reason", "Age"),
                "nodepolicies.fastpath.dev-v1.yml", List.of("Priority", "NumVFs", "Switch", "Matched", "Synced", "Degraded", "Age"),
                "nodestates.fastpath.dev-v1.yml", List.of("PFs", "VFs", "InUse", "Ports", "Ready", "Error", "Age"));
        Map<String, List<String>> expectedShortNames = Map.of(
                "networkattachments.fastpath.dev-v1.yml", List.of("fpna", "fpnet"),
                "nodepolicies.fastpath.dev-v1.yml", List.of("fpnp"),
                "nodestates.fastpath.dev-v1.yml", List.of("fpns"));
        List<String> problems = new ArrayList<>();
        for (var expected : expectedColumns.entrySet()) {
            Path file = CrdFile.COMMITTED_DIR.resolve(expected.getKey());
            Map<String, Object> crd = CrdFile.YAML.readValue(Files.readString(file), Map.class);
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            assertEquals(expectedShortNames.get(expected.getKey()),
                    ((Map<String, Object>) spec.get("names")).get("shortNames"), file.toString());
            assertEquals(List.of("fastpath"), ((Map<String, Object>) spec.get("names")).get("categories"),
                    file + ": kubectl get fastpath lists every kind");
            Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).get(0);
            List<Map<String, Object>> columns = (List<Map<String, Object>>) version.get("additionalPrinterColumns");
            assertEquals(expected.getValue(), columns.stream().map(c -> c.get("name")).toList(), file + " column order");
            Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema"))
                    .get("openAPIV3Schema");
            for (Map<String, Object> column : columns) {
                String jsonPath = (String) column.get("jsonPath");
                if (jsonPath.equals(".metadata.creationTimestamp")) {
                    continue;
                }
                Map<String, Object> field = resolve(schema, jsonPath);
                if (field == null) {
                    problems.add(file.getFileName() + " column " + column.get("name") + ": " + jsonPath
                            + " is no field of the schema");
                } else if (!column.get("type").equals(field.get("type"))) {
                    problems.add(file.getFileName() + " column " + column.get("name") + " is " + column.get("type")
                            + " but " + jsonPath + " is " + field.get("type"));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Follows {@code .a.b[?(@.type=="Ready")].c} through properties and array items. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, String jsonPath) {
        Map<String, Object> node = schema;
        for (String segment : jsonPath.replaceAll("\\[\\?\\(.*?\\)]", "[]").substring(1).split("\\.")) {
            boolean array = segment.endsWith("[]");
            String name = array ? segment.substring(0, segment.length() - 2) : segment;
            Object properties = node.get("properties");
            if (!(properties instanceof Map<?, ?> map) || !(map.get(name) instanceof Map<?, ?> child)) {
                return null;
            }
            node = (Map<String, Object>) child;
            if (array) {
                if (!(node.get("items") instanceof Map<?, ?> items)) {
                    return null;
                }
                node = (Map<String, Object>) items;
            }
        }
        return node;
    }
}
