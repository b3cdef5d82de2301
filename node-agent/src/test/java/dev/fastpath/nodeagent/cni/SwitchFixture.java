package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.dataplane.embedded.SwitchMain;
import dev.fastpath.dataplane.testing.DpdkRuntime;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real fastpath-switch as the node runs it (its own JVM, SwitchMain), for the agent under test: control socket
 * at the agent's configured path, PMD pinned to CPU 0, --no-pci, in memory with a unique file prefix. Ended by PID.
 */
final class SwitchFixture implements AutoCloseable {
    private final Path control;
    private Process process;
    private String prefix;

    SwitchFixture(Path control) {
        this.control = control;
    }

    EmbeddedSwitch start() throws Exception {
        Path dir = control.getParent();
        Files.createDirectories(dir);
        Path out = dir.resolve("switch.out");
        prefix = TestPmdPod.uniquePrefix("cnisw");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SwitchMain.class.getName(), "--control", control.toString(), "--state", dir.resolve("ports.json").toString(),
                "--pmd-core", "0", "--memory-mb", "256", "--file-prefix", prefix, "--no-pci", "--eal-log", dir.resolve("eal.log").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        await(() -> read(out).contains("fastpath-switch ready") || !process.isAlive(), Duration.ofSeconds(60), "switch start");
        assertTrue(process.isAlive(), "fastpath-switch exited: " + read(out));
        return new EmbeddedSwitch(control);
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) return;
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
        DpdkRuntime.removeRuntimeDir(prefix);
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
