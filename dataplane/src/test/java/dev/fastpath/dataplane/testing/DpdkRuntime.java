package dev.fastpath.dataplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What DPDK processes leave on the host, and how tests check and remove it. */
public final class DpdkRuntime {
    /** Where DPDK keeps per-process runtime state (config, telemetry socket) for a file prefix. */
    public static final Path RUNTIME_ROOT = Path.of("/var/run/dpdk");
    public static final Path HUGEPAGES = Path.of("/dev/hugepages");

    private DpdkRuntime() {}

    /** Removes {@code /var/run/dpdk/<prefix>}, which DPDK keeps even with {@code --in-memory}. */
    public static void removeRuntimeDir(String prefix) {
        deleteTree(RUNTIME_ROOT.resolve(prefix));
    }

    /** Hugepage files whose name starts with the prefix (there should be none with {@code --in-memory}). */
    public static List<Path> hugepageFiles(String prefix) {
        if (!Files.isDirectory(HUGEPAGES)) return List.of();
        try (Stream<Path> files = Files.list(HUGEPAGES)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: reported by the leak checks of the tests
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
