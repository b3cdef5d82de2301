package dev.fastpath.dataplane.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DPDK "pod" for tests: an interactive {@code dpdk-testpmd} with one virtio-user port that owns a vhost-user
 * server socket ({@code server=1}), so the switch connects as a client and reconnects after a restart. Commands
 * go to testpmd's prompt over stdin; counters come from {@code show port stats 0}.
 */
final class TestPmdPod implements AutoCloseable {
    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final OutputStream stdin;
    private final String filePrefix;

    /**
     * @param cpu the CPU both testpmd lcores (main and forwarding) are pinned to
     * @param mode testpmd forward mode (rxonly, txonly, mac, io)
     */
    TestPmdPod(String name, int cpu, Path socket, String mac, String peerMac, String mode) throws IOException {
        this(name, cpu, "net_virtio_user0,path=" + socket + ",server=1,mac=" + mac, peerMac, mode);
    }

    /** A pod with any single DPDK vdev as its port 0 (virtio-user as client, memif, ...). */
    TestPmdPod(String name, int cpu, String vdev, String peerMac, String mode) throws IOException {
        this.name = name;
        this.filePrefix = "fpemb-" + name + "-" + ProcessHandle.current().pid();
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-o0", "dpdk-testpmd", "--lcores", "0@" + cpu + ",1@" + cpu, "--main-lcore", "0",
                "--no-pci", "--single-file-segments", "--file-prefix", filePrefix, "--in-memory", "-m", "256",
                "--vdev", vdev,
                "--", "-i", "--forward-mode=" + mode, "--eth-peer=0," + peerMac, "--nb-cores=1",
                "--rxq=1", "--txq=1", "--total-num-mbufs=8192"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        process = pb.start();
        stdin = process.getOutputStream();
        Thread.ofPlatform().daemon(true).name("testpmd-" + name).start(() -> pump(process.getInputStream()));
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    String name() {
        return name;
    }

    /** Waits for the first prompt: the switch has connected to the pod's socket and testpmd is up. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains("testpmd> ")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("testpmd " + name + " exited: " + output);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("testpmd " + name + " not ready after " + timeout + ": " + output);
            }
            Thread.sleep(50);
        }
    }

    /** Sends one command and returns what testpmd printed until its next prompt. */
    synchronized String command(String command) throws IOException, InterruptedException {
        return command(command, "testpmd> ");
    }

    /**
     * Sends one command and returns what testpmd printed until {@code until} (a regex) appears: with stdin a pipe
     * testpmd may print its next prompt before the command's output.
     */
    synchronized String command(String command, String until) throws IOException, InterruptedException {
        Pattern done = Pattern.compile(until);
        int before = output.length();
        stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String since = output.substring(before);
            if (done.matcher(since).find()) {
                return since;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("testpmd " + name + " did not answer '" + command + "': " + since);
            }
            Thread.sleep(20);
        }
    }

    /** {RX-packets, TX-packets, RX-bytes, TX-bytes} of port 0 as testpmd (the virtio-user PMD) counted them. */
    long[] stats() throws IOException, InterruptedException {
        String s = command("show port stats 0", "TX-bytes:\\s+\\d+");
        return new long[] {field(s, "RX-packets"), field(s, "TX-packets"), field(s, "RX-bytes"), field(s, "TX-bytes")};
    }

    long rxPackets() throws IOException, InterruptedException {
        return stats()[0];
    }

    private long field(String text, String label) {
        Matcher m = Pattern.compile(label + ":\\s+(\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + label + " in testpmd " + name + " output: " + text);
        }
        return Long.parseLong(m.group(1));
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                stdin.write("quit\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException ignored) {
                // already closing
            }
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        deleteRuntimeDir(filePrefix);
    }

    static void deleteRuntimeDir(String prefix) throws IOException {
        Path dir = Path.of("/var/run/dpdk", prefix);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
