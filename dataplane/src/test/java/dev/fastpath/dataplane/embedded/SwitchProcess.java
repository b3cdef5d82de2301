package dev.fastpath.dataplane.embedded;

import dev.fastpath.dataplane.testing.DpdkRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real fastpath-switch process (SwitchMain in its own JVM) for tests, with its control socket and state under a temp dir. */
final class SwitchProcess implements AutoCloseable {
    final Path dir;
    final Path control;
    final Path state;
    final Path log;
    final String filePrefix;
    private Process process;
    private int starts;

    SwitchProcess(Path dir, String filePrefix) {
        this.dir = dir;
        this.control = dir.resolve("switch.sock");
        this.state = dir.resolve("ports.json");
        this.log = dir.resolve("switch.out");
        this.filePrefix = filePrefix;
    }

    /** Starts the switch and waits until it serves its control socket; throws with its output when it exits. */
    SwitchProcess start(String... extraArgs) throws IOException, InterruptedException {
        Process p = launch(extraArgs);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains("fastpath-switch ready")) {
            if (!p.isAlive()) {
                throw new IllegalStateException("fastpath-switch exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fastpath-switch not ready:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** Launches without waiting; for tests of startup failures. One PMD on CPU 0 unless the arguments name cores. */
    Process launch(String... extraArgs) throws IOException {
        starts++;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                SwitchMain.class.getName(), "--control", control.toString(), "--state", state.toString(),
                "--memory-mb", "256", "--file-prefix", filePrefix, "--no-pci",
                "--eal-log", dir.resolve("eal.log").toString()));
        List<String> extra = List.of(extraArgs);
        if (!extra.contains("--pmd-core") && !extra.contains("--pmd-cores")) {
            cmd.addAll(List.of("--pmd-core", "0"));
        }
        cmd.addAll(extra);
        Files.deleteIfExists(log);
        Files.createFile(log);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return process;
    }

    EmbeddedSwitch client() {
        return new EmbeddedSwitch(control);
    }

    /** SIGKILL, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        DpdkRuntime.removeRuntimeDir(filePrefix);
    }
}
