package dev.fastpath.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * Reads what this machine offers to tests (capabilities, hugepages, commands) and turns a missing
 * prerequisite into a skip that names it. With {@code -Dfastpath.test.requireAll=true} (set by
 * {@code ./fastpath test} after its set-up) a missing prerequisite is an error instead, so a CI run can
 * never pass by skipping the tests that matter.
 */
public final class Prerequisites {
    public static final String REQUIRE_ALL_PROPERTY = "fastpath.test.requireAll";

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Prerequisites() {}

    /** Every missing prerequisite for privileged tests, empty when all are present. */
    public static List<String> missingForPrivileged() {
        List<String> missing = new ArrayList<>();
        long caps = effectiveCapabilities();
        if ((caps & (1L << CAP_NET_ADMIN)) == 0) missing.add("CAP_NET_ADMIN (run the tests as root)");
        if ((caps & (1L << CAP_SYS_ADMIN)) == 0) missing.add("CAP_SYS_ADMIN (run the tests as root)");
        return missing;
    }

    /** Every missing prerequisite for data-plane tests needing the given hugepages and commands. */
    public static List<String> missingForDataPlane(int hugepages, String... commands) {
        List<String> missing = new ArrayList<>(missingForPrivileged());
        long free = freeHugepages();
        if (free < hugepages) {
            missing.add("%d free 2 MiB hugepages (have %d; ./fastpath setup reserves them)".formatted(hugepages, free));
        }
        if (!hugetlbfsMounted()) missing.add("hugetlbfs mounted at /dev/hugepages (./fastpath setup mounts it)");
        for (String command : commands) {
            if (findCommand(command).isEmpty()) missing.add("command " + command + " (./fastpath setup installs it)");
        }
        return missing;
    }

    /** Absolute path of an executable on the PATH (or the argument itself when absolute and executable). */
    public static Optional<Path> findCommand(String command) {
        if (command.startsWith("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static ConditionEvaluationResult evaluate(String what, List<String> missing) {
        if (missing.isEmpty()) return ConditionEvaluationResult.enabled(what + " prerequisites present");
        String reason = what + " test skipped, missing: " + String.join("; ", missing);
        if (Boolean.getBoolean(REQUIRE_ALL_PROPERTY)) {
            throw new IllegalStateException(reason + " (and -D" + REQUIRE_ALL_PROPERTY + "=true forbids skipping)");
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    private static long effectiveCapabilities() {
        return statusField(Path.of("/proc/self/status"), "CapEff:").map(hex -> Long.parseUnsignedLong(hex, 16)).orElse(0L);
    }

    private static long freeHugepages() {
        return statusField(Path.of("/proc/meminfo"), "HugePages_Free:").map(Long::parseLong).orElse(0L);
    }

    private static boolean hugetlbfsMounted() {
        try (Stream<String> mounts = Files.lines(Path.of("/proc/mounts"))) {
            return mounts.map(line -> line.split(" ")).anyMatch(f -> f.length > 2 && f[2].equals("hugetlbfs"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> statusField(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim().split("\\s+")[0]).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
