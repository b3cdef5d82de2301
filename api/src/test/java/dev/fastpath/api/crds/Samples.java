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

    static final Path README = Path.of("README.md");

    static List<Samples> good() {
        List<Samples> all = new ArrayList<>(readDir(GOOD));
        all.addAll(readDir(EXAMPLES));
        all.addAll(readmeExamples());
        return all;
    }

    /** Every object in the ```yaml blocks of api/README.md: what users copy must be valid too. */
    @SuppressWarnings("unchecked")
    static List<Samples> readmeExamples() {
        try {
            List<Samples> samples = new ArrayList<>();
            String[] blocks = Files.readString(README).split("```yaml\n");
            for (int b = 1; b < blocks.length; b++) {
                String block = blocks[b].substring(0, blocks[b].indexOf("```"));
                String[] documents = block.split("(?m)^---$");
                for (int d = 0; d < documents.length; d++) {
                    Map<String, Object> object = CrdFile.YAML.readValue(documents[d], Map.class);
                    samples.add(new Samples(Path.of("README.md#yaml" + b + "-" + (d + 1)), object, List.of()));
                }
            }
            if (samples.isEmpty()) {
                throw new IllegalStateException("no ```yaml examples in " + README.toAbsolutePath());
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
