package dev.fastpath.dataplane.testing;

import dev.fastpath.testkit.Prerequisites;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Skips a test naming the commands it lacks, or fails under {@code -Dfastpath.test.requireAll=true}. */
public final class Commands {
    private Commands() {}

    public static void assumePresent(String... commands) {
        List<String> missing = Arrays.stream(commands).filter(c -> Prerequisites.findCommand(c).isEmpty()).toList();
        if (missing.isEmpty()) return;
        String reason = "missing commands " + missing + " (openvswitch-switch-dpdk; ./fastpath setup installs it)";
        if (Boolean.getBoolean(Prerequisites.REQUIRE_ALL_PROPERTY)) throw new IllegalStateException(reason);
        Assumptions.abort(reason);
    }
}
