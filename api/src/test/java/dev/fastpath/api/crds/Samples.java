package dev.fastpath.api.crds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sample objects: {@code src/test/resources/samples/good} and the user-facing examples in {@code crds/examples}
 * must be accepted; {@code src/test/resources/samples/bad} must be rejected. A bad sample lists, in
 * {@code # expect: <text>} header lines, every rejection the API server must report (each must appear in one
 * rendered {@code <field path>: <message>}), so a sample that fails for an unintended reason fails the test.
 */
record Samples(Path file, Map<String, Object> object, List<String> expectations) {

    static final Path GOOD = Path.of("src", "test", "resources", "samples", "good");
    static final Path BAD = Path.of("src", "test", "resources", "samples", "bad");
    static final Path EXAMPLES = Path.of("..", "crds", "examples");

    static List<Samples> good() {
        List<Samples> all = new ArrayList<>(readDir(GOOD));
        all.addAll(readDir(EXAMPLES));
        return all;
    }

    static List<Samples> bad() {
        return readDir(BAD);
    }

    @SuppressWarnings("unchecked")
    static Samples read(Path file) {
        try {
            String text = Files.readString(file);
            List<String> expectations = text.lines().filter(l -> l.startsWith("# expect: "))
                    .map(l -> l.substring("# expect: ".length()).trim()).toList();
            Map<String, Object> object = CrdFile.YAML.readValue(text, Map.class);
            return new Samples(file, object, expectations);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<Samples> readDir(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Samples::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String kind() {
        return (String) object.get("kind");
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
