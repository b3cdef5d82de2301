package dev.fastpath.api.crds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A generated CRD YAML file, read as plain maps (what the API server would receive). */
public record CrdFile(Path file, String group, String kind, String plural, Map<String, Map<String, Object>> schemasByVersion) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The committed CRDs. Surefire runs in the module directory, so the repository's crds/ is one level up. */
    public static final Path COMMITTED_DIR = Path.of("..", "crds");

    @SuppressWarnings("unchecked")
    public static CrdFile read(Path file) {
        try {
            Map<String, Object> crd = YAML.readValue(Files.readString(file), Map.class);
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            Map<String, Object> names = (Map<String, Object>) spec.get("names");
            Map<String, Map<String, Object>> schemas = new java.util.LinkedHashMap<>();
            for (Map<String, Object> version : (List<Map<String, Object>>) spec.get("versions")) {
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema"))
                        .get("openAPIV3Schema");
                schemas.put((String) version.get("name"), schema);
            }
            return new CrdFile(file, (String) spec.get("group"), (String) names.get("kind"), (String) names.get("plural"),
                    schemas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every committed CRD, by kind. */
    public static Map<String, CrdFile> committed() {
        try (var files = Files.list(COMMITTED_DIR)) {
            Map<String, CrdFile> byKind = new java.util.TreeMap<>();
            files.filter(f -> f.getFileName().toString().endsWith("-v1.yml")).map(CrdFile::read)
                    .forEach(crd -> byKind.put(crd.kind(), crd));
            return byKind;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
