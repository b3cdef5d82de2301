package dev.fastpath.bench.cni;

import dev.fastpath.dataplane.embedded.SwitchMain;
import dev.fastpath.dataplane.testing.DpdkRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real fastpath-switch (SwitchMain in its own JVM, as the node runs it) for the vhost-user rows: control socket
 * where the agent is configured to look, one PMD lcore pinned to CPU 0, --no-pci, in memory (EalConfig passes
 * --in-memory) under a per-run file prefix. Stopped by its PID; its DPDK runtime dir is removed, and hugepage files
 * under the prefix (there should be none) are reported and removed.
 */
final class BenchSwitch implements AutoCloseable {
    private static final int PMD_CPU = 0;
    private final Path control;
    private final Path out;
    private final String prefix = "fpcnib" + ProcessHandle.current().pid();
    private final Process process;

    private BenchSwitch(Path control, Process process, Path out) {
        this.control = control;
        this.process = process;
        this.out = out;
    }

    static BenchSwitch start(Path control) throws Exception {
        Path dir = control.getParent();
        Files.createDirectories(dir);
        Path out = dir.resolve("switch.out");
        BenchSwitch sw = null;
        try {
            String prefix = "fpcnib" + ProcessHandle.current().pid();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    SwitchMain.class.getName(), "--control", control.toString(), "--state", dir.resolve("ports.json").toString(),
                    "--pmd-core", Integer.toString(PMD_CPU), "--memory-mb", "256", "--file-prefix", prefix, "--no-pci",
                    "--eal-log", dir.resolve("eal.log").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            sw = new BenchSwitch(control, p, out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!sw.output().contains("fastpath-switch ready")) {
                if (!p.isAlive()) throw new IllegalStateException("fastpath-switch exited: " + sw.output());
                if (System.nanoTime() > deadline) throw new IllegalStateException("fastpath-switch not ready in 60 s: " + sw.output());
                Thread.sleep(100);
            }
            return sw;
        } catch (Exception e) {
            if (sw != null) sw.close();
            throw e;
        }
    }

    Path control() {
        return control;
    }

    private String output() {
        try {
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        DpdkRuntime.removeRuntimeDir(prefix);
        List<Path> left = DpdkRuntime.hugepageFiles(prefix);
        if (!left.isEmpty()) {
            System.err.println("fastpath-switch left hugepage files, removing: " + left);
            for (Path p : left) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("cannot remove " + p + ": " + e.getMessage());
                }
            }
        }
    }
}
