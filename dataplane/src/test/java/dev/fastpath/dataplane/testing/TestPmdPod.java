package dev.fastpath.dataplane.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DPDK "pod": {@code dpdk-testpmd} in interactive mode, driven over its stdin like a person at the prompt.
 * Each pod gets its own {@code --file-prefix} and {@code --in-memory} (no hugepage files), is pinned to the
 * lcores it is given, and on close quits, is killed by PID if it hangs, and has its runtime dir removed.
 *
 * <p>Typical pod for a switch's {@code dpdkvhostuserclient} port: {@link #vhostServer} (virtio-user as the vhost-user
 * server with a fixed MAC, forwarding {@code rxonly} so it counts what it receives). {@link #sendBurst} sends exact
 * numbers of packets to a MAC with {@code start tx_first}, and {@link #stats} reads {@code show port stats}.
 */
public final class TestPmdPod implements AutoCloseable {
    private static final String PROMPT = "testpmd> ";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern RX = Pattern.compile("RX-packets:\\s*(\\d+)\\s+RX-missed:\\s*(\\d+)\\s+RX-bytes:\\s*(\\d+)");
    private static final Pattern TX = Pattern.compile("TX-packets:\\s*(\\d+)\\s+TX-errors:\\s*(\\d+)\\s+TX-bytes:\\s*(\\d+)");

    private final String name;
    private final String filePrefix;
    private final Process process;
    private final OutputStream stdin;
    private final StringBuilder output = new StringBuilder();
    private int promptsSeen;
    private int promptScanFrom;

    /** Counters of one testpmd port as the pod sees them (tx = what the pod sent into the switch). */
    public record PortCounters(long rxPackets, long rxMissed, long rxBytes, long txPackets, long txErrors, long txBytes) {}

    private TestPmdPod(String name, String filePrefix, Process process) {
        this.name = name;
        this.filePrefix = filePrefix;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().name("testpmd-" + name).start(this::pump);
    }

    /** A unique DPDK file prefix for this JVM ({@code fp<pid>-<tag><n>}). */
    public static String uniquePrefix(String tag) {
        return "fp" + ProcessHandle.current().pid() + "-" + tag + COUNTER.incrementAndGet();
    }

    /**
     * Launches a pod with one virtio-user port that is the vhost-user SERVER on {@code socket} (the switch connects
     * as client), MAC {@code mac}, forwarding rxonly, its lcores pinned to {@code cpu}. DPDK's virtio-user in server
     * mode blocks its start-up until a client connects, so: launch, add the switch port, then {@link #awaitReady}.
     */
    public static TestPmdPod vhostServer(String name, Path socket, String mac, int cpu) {
        return launch(name, cpu, List.of("--vdev", vhostServerVdev(socket, mac)), List.of("--forward-mode=rxonly"));
    }

    /** The vdev of a virtio-user port that is the vhost-user server on {@code socket}, with MAC {@code mac}. */
    public static String vhostServerVdev(Path socket, String mac) {
        return "net_virtio_user0,path=" + socket + ",server=1,mac=" + mac;
    }

    /**
     * A pod with {@code vdev} as its port 0 (a virtio-user server or client, memif, ...) that forwards in {@code
     * mode} (rxonly, flowgen, io, ...) towards {@code peerMac} on one forwarding core, with room for sustained
     * traffic (256 MiB, 8192 mbufs). Forwarding begins with the first {@code start} command, so a test can wait for
     * the prompt ({@link #awaitPrompt}) and for the switch's links before it lets the pod send.
     */
    public static TestPmdPod forwarding(String name, int cpu, String vdev, String peerMac, String mode) {
        return launch(name, cpu, 256, 8192, List.of("--vdev", vdev),
                List.of("--forward-mode=" + mode, "--eth-peer=0," + peerMac, "--nb-cores=1", "--rxq=1", "--txq=1"));
    }

    /**
     * Launches testpmd interactively with two lcores both on {@code cpu} (the main lcore sleeps at the prompt, the
     * forwarding lcore polls), 64 MiB in memory, the given vdevs and application arguments. It is usable once
     * {@link #awaitReady} returned.
     */
    public static TestPmdPod launch(String name, int cpu, List<String> vdevArgs, List<String> appArgs) {
        return launch(name, cpu, 64, 2048, vdevArgs, appArgs);
    }

    private static TestPmdPod launch(String name, int cpu, int memoryMb, int mbufs, List<String> vdevArgs, List<String> appArgs) {
        String prefix = uniquePrefix(name);
        // stdbuf -o0: testpmd prints command output with stdio, block-buffered into a pipe, but its prompt unbuffered.
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-o0", "dpdk-testpmd", "--lcores", "0@" + cpu + ",1@" + cpu, "--main-lcore", "0",
                "--no-pci", "--single-file-segments", "--in-memory", "--file-prefix", prefix, "-m", Integer.toString(memoryMb),
                "--log-level", "lib.eal:error"));
        cmd.addAll(vdevArgs);
        cmd.add("--");
        cmd.add("-i");
        cmd.add("--total-num-mbufs=" + mbufs);
        cmd.addAll(appArgs);
        try {
            return new TestPmdPod(name, prefix, new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dpdk-testpmd for pod " + name, e);
        }
    }

    /** Waits for testpmd's first prompt (its ports are up to the point of forwarding) and starts forwarding. */
    public TestPmdPod awaitReady() {
        awaitPrompt();
        command("start");
        return this;
    }

    /** Waits for testpmd's first prompt; forwarding has not started yet. */
    public TestPmdPod awaitPrompt() {
        awaitPrompts(1, Duration.ofSeconds(30));
        return this;
    }

    /** Runs one command at the prompt and returns what it printed. */
    public synchronized String command(String command) {
        awaitPrompts(1, Duration.ofSeconds(30));
        int before;
        int start;
        synchronized (output) {
            before = promptsSeen;
            start = output.length();
        }
        try {
            stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("pod " + name + ": cannot write '" + command + "': " + e.getMessage() + "\n" + output(), e);
        }
        awaitPrompts(before + 1, Duration.ofSeconds(20));
        synchronized (output) {
            return output.substring(start);
        }
    }

    public PortCounters stats(int port) {
        String out = command("show port stats " + port);
        Matcher rx = RX.matcher(out);
        Matcher tx = TX.matcher(out);
        if (!rx.find() || !tx.find()) throw new IllegalStateException("pod " + name + ": no port stats in:\n" + out);
        return new PortCounters(Long.parseLong(rx.group(1)), Long.parseLong(rx.group(2)), Long.parseLong(rx.group(3)),
                Long.parseLong(tx.group(1)), Long.parseLong(tx.group(2)), Long.parseLong(tx.group(3)));
    }

    /** Whether testpmd sees the port's link up (virtio-user: the switch is connected and the device is running). */
    public boolean linkUp(int port) {
        return command("show port info " + port).contains("Link status: up");
    }

    /**
     * Sends {@code bursts} bursts of 32 64-byte UDP frames from port 0 to {@code dstMac} ({@code start tx_first}),
     * then keeps counting received packets (rxonly).
     */
    public void sendBurst(String dstMac, int bursts) {
        command("stop");
        command("set eth-peer 0 " + dstMac);
        command("start tx_first " + bursts);
    }

    /** Sends continuously (txonly) to {@code dstMac} until {@link #stopSending}. */
    public void startSending(String dstMac) {
        command("stop");
        command("set eth-peer 0 " + dstMac);
        command("set fwd txonly");
        command("start");
    }

    /** Back to counting only. */
    public void stopSending() {
        command("stop");
        command("set fwd rxonly");
        command("start");
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stdin.write("quit\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException ignored) {
                // already gone: killed below
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        DpdkRuntime.removeRuntimeDir(filePrefix);
    }

    private void awaitPrompts(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (promptsSeen < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && promptsSeen < count)) {
                    throw new IllegalStateException("pod " + name + " (testpmd pid " + process.pid() + ")"
                            + (process.isAlive() ? " gave no prompt within " + timeout : " exited") + "; output:\n" + tail(output, 3000));
                }
                try {
                    output.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(chunk);
                    int at;
                    while ((at = output.indexOf(PROMPT, promptScanFrom)) >= 0) {
                        promptsSeen++;
                        promptScanFrom = at + PROMPT.length();
                    }
                    output.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
        synchronized (output) {
            output.notifyAll();
        }
    }

    private static String tail(CharSequence text, int chars) {
        return text.subSequence(Math.max(0, text.length() - chars), text.length()).toString();
    }
}
