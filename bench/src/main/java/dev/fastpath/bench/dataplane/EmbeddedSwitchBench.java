package dev.fastpath.bench.dataplane;

import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.dataplane.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tx-first loopback through a switch between two vhost-user ports, one PMD core (CPU 0) for the switch and the
 * other (CPU 1) for the traffic pod: a testpmd with two virtio-user ports (servers) in io-forward mode that
 * starts with {@code tx_first N} (N bursts of 32 per port: 64 or 256 packets in flight) and then returns every
 * packet it receives. Compared, interleaved and repeated (medians): the embedded switch (MAC learning on, both
 * ports on one VLAN) and testpmd io-forward between two net_vhost ports with --record-core-cycles.
 *
 * <p>Reports Mpps the switch forwarded (counted by the pod) and the switch's busy time per packet: the embedded
 * switch's own accounting (nanoTime around non-empty bursts), testpmd's CPU cycles/packet divided by the TSC
 * frequency its EAL logs at debug level.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests -q
 * mvn -B -ntp -q -pl bench dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * flock /tmp/fastpath-dataplane.lock java --enable-native-access=ALL-UNNAMED \
 *   -cp bench/target/classes:$(cat /tmp/bench.cp) dev.fastpath.bench.dataplane.EmbeddedSwitchBench [repeats] [seconds] [sizes, e.g. 64,512,1500]
 * </pre>
 */
public final class EmbeddedSwitchBench {
    private static final String MAC0 = "02:00:00:00:bb:00";
    private static final String MAC1 = "02:00:00:00:bb:01";
    private static final int SWITCH_CPU = 0;
    private static final int POD_CPU = 1;

    record Result(double mpps, double nsPerPkt) {}

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] sizes = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {64, 512, 1500};
        int[] inflight = {64, 256};
        String[] systems = {"testpmd-io", "embedded"};
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (int size : sizes) {
                for (int fl : inflight) {
                    for (String sys : systems) {
                        Result res = sys.equals("embedded") ? runEmbedded(size, fl, seconds) : runTestpmd(size, fl, seconds);
                        results.computeIfAbsent(sys + "|" + size + "|" + fl, k -> new ArrayList<>()).add(res);
                        System.err.printf("run %d %-10s %5d B %3d in flight: %.3f Mpps %.1f ns/pkt%n", r + 1, sys, size, fl, res.mpps, res.nsPerPkt);
                    }
                }
            }
        }
        System.out.printf("%nTx-first loopback, switch on CPU %d, pod (testpmd io, 2 virtio-user ports) on CPU %d, %d repeats x %d s, medians%n",
                SWITCH_CPU, POD_CPU, repeats, seconds);
        System.out.printf("%-12s %6s %9s %9s %12s %14s%n", "switch", "frame", "in-flight", "Mpps", "busy ns/pkt", "ns/pkt vs io");
        for (int size : sizes) {
            for (int fl : inflight) {
                Result io = median(results.get("testpmd-io|" + size + "|" + fl));
                for (String sys : systems) {
                    Result m = median(results.get(sys + "|" + size + "|" + fl));
                    System.out.printf("%-12s %6d %9d %9.3f %12.1f %13.2fx%n", sys, size, fl, m.mpps, m.nsPerPkt, m.nsPerPkt / io.nsPerPkt);
                }
            }
        }
    }

    static Result median(List<Result> rs) {
        double[] mpps = rs.stream().mapToDouble(Result::mpps).sorted().toArray();
        double[] ns = rs.stream().mapToDouble(Result::nsPerPkt).sorted().toArray();
        return new Result(mpps[mpps.length / 2], ns[ns.length / 2]);
    }

    static Result runEmbedded(int size, int inflight, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("fpbench");
        String prefix = "fpbench-sw-" + ProcessHandle.current().pid();
        Path out = dir.resolve("switch.out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m"));
        // extra JVM options for the switch process, for experiments (e.g. -XX:+PrintCompilation); empty by default
        String jvmArgs = System.getProperty("fastpath.bench.switchJvmArgs", "").strip();
        if (!jvmArgs.isEmpty()) {
            cmd.addAll(List.of(jvmArgs.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.fastpath.dataplane.embedded.SwitchMain", "--control", dir.resolve("sw.sock").toString(),
                "--state", dir.resolve("ports.json").toString(), "--pmd-core", Integer.toString(SWITCH_CPU),
                "--memory-mb", "256", "--file-prefix", prefix, "--no-pci"));
        Process sw = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Pod pod = null;
        try {
            waitFor(() -> Files.readString(out).contains("fastpath-switch ready"), sw, "switch", out);
            pod = new Pod(dir, size);
            EmbeddedSwitch client = new EmbeddedSwitch(dir.resolve("sw.sock"));
            client.addPort(new PortSpec.VhostUser("p0", dir.resolve("p0.sock"), PortSpec.VhostMode.CLIENT, 100, 1));
            client.addPort(new PortSpec.VhostUser("p1", dir.resolve("p1.sock"), PortSpec.VhostMode.CLIENT, 100, 1));
            pod.awaitReady();
            pod.command("start tx_first " + inflight / 64);
            Thread.sleep(2000); // warm-up: JIT, learning
            long[] s0 = client.pmdStats();
            long rx0 = pod.rxTotal();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long[] s1 = client.pmdStats();
            long rx1 = pod.rxTotal();
            long t1 = System.nanoTime();
            double mpps = (rx1 - rx0) / ((t1 - t0) / 1e3);
            double ns = (double) (s1[0] - s0[0]) / Math.max(1, s1[1] - s0[1]);
            long bursts = s1.length > 5 ? s1[5] - s0[5] : 0; // switches before the per-PMD stats do not count bursts
            System.err.printf("  embedded: %d GCs in the switch JVM during the window, %d learned MACs, %.1f packets per non-empty burst, %.2f polling rounds per burst%n",
                    s1[4] - s0[4], s1[3], (double) (s1[1] - s0[1]) / Math.max(1, bursts), (double) (s1[2] - s0[2]) / Math.max(1, bursts));
            return new Result(mpps, ns);
        } finally {
            if (pod != null) {
                pod.close();
            }
            sw.destroy();
            if (!sw.waitFor(10, TimeUnit.SECONDS)) {
                sw.destroyForcibly().waitFor();
            }
            deleteTree(Path.of("/var/run/dpdk", prefix));
            String keep = System.getProperty("fastpath.bench.keepSwitchOutput");
            if (keep != null) {
                Files.copy(out, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(dir);
        }
    }

    static Result runTestpmd(int size, int inflight, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("fpbench");
        String prefix = "fpbench-io-" + ProcessHandle.current().pid();
        Pod pod = new Pod(dir, size);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(dir.resolve("p0.sock")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Interactive sw = new Interactive(List.of("stdbuf", "-o0", "dpdk-testpmd", "-l", Integer.toString(SWITCH_CPU) + "," + POD_CPU,
                "--main-lcore", Integer.toString(POD_CPU), "--no-pci", "--log-level=lib.eal:debug", "--file-prefix", prefix, "--in-memory", "-m", "256",
                "--vdev", "net_vhost0,iface=" + dir.resolve("p0.sock") + ",client=1",
                "--vdev", "net_vhost1,iface=" + dir.resolve("p1.sock") + ",client=1",
                "--", "-i", "--forward-mode=io", "--record-core-cycles", "--nb-cores=1", "--total-num-mbufs=16384", "--no-lsc-interrupt"));
        try {
            try {
                pod.awaitReady();
                sw.awaitPrompt();
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\n--- testpmd switch:\n" + sw.output, e);
            }
            sw.command("start");
            pod.command("start tx_first " + inflight / 64);
            Thread.sleep(2000);
            sw.command("clear fwd stats all");
            long rx0 = pod.rxTotal();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long rx1 = pod.rxTotal();
            long t1 = System.nanoTime();
            String stop = sw.command("stop", "Done\\.");
            Matcher m = Pattern.compile("CPU cycles/packet=([0-9.]+)").matcher(stop);
            double cycles = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            Matcher tsc = Pattern.compile("TSC frequency is ~(\\d+) KHz").matcher(sw.output);
            if (!tsc.find()) {
                throw new IllegalStateException("EAL did not log its TSC frequency: " + sw.output);
            }
            double tscGhz = Long.parseLong(tsc.group(1)) / 1e6;
            return new Result((rx1 - rx0) / ((t1 - t0) / 1e3), cycles / tscGhz);
        } finally {
            sw.close();
            pod.close();
            deleteTree(Path.of("/var/run/dpdk", prefix));
            deleteTree(dir);
        }
    }

    /** The traffic pod: two virtio-user ports (vhost-user servers) in io-forward mode on the pod CPU. */
    static final class Pod extends Interactive {
        Pod(Path dir, int size) throws IOException, InterruptedException {
            super(List.of("stdbuf", "-o0", "dpdk-testpmd", "--lcores", "0@" + POD_CPU + ",1@" + POD_CPU, "--main-lcore", "0", "--no-pci",
                    "--single-file-segments", "--file-prefix", "fpbench-pod-" + ProcessHandle.current().pid(), "--in-memory", "-m", "256",
                    "--vdev", "net_virtio_user0,path=" + dir.resolve("p0.sock") + ",server=1,mac=" + MAC0,
                    "--vdev", "net_virtio_user1,path=" + dir.resolve("p1.sock") + ",server=1,mac=" + MAC1,
                    "--", "-i", "--forward-mode=io", "--nb-cores=1", "--txpkts=" + size,
                    "--eth-peer=0," + MAC1, "--eth-peer=1," + MAC0, "--total-num-mbufs=8192", "--no-lsc-interrupt"));
            // virtio-user in server mode blocks in accept() on p0 before it creates p1; the switch side (vhost-user
            // client) retries until each socket exists, so nothing to wait for here.
        }

        void awaitReady() throws InterruptedException {
            awaitPrompt();
        }

        long rxTotal() throws IOException, InterruptedException {
            String s = command("show port stats all", "(?s)NIC statistics for port 1.*?TX-bytes:\\s+\\d+");
            Matcher m = Pattern.compile("RX-packets:\\s+(\\d+)").matcher(s);
            long total = 0;
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
            return total;
        }

        @Override
        public void close() throws Exception {
            super.close();
            deleteTree(Path.of("/var/run/dpdk", "fpbench-pod-" + ProcessHandle.current().pid()));
        }
    }

    /** An interactive testpmd driven over stdin (under stdbuf -o0: its printf output to a pipe is otherwise block-buffered). */
    static class Interactive implements AutoCloseable {
        final Process process;
        final StringBuffer output = new StringBuffer();
        private final OutputStream stdin;

        /** Every testpmd this harness started; a shutdown hook ends the ones still running if the harness fails. */
        private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.stream().filter(Process::isAlive).forEach(Process::destroyForcibly)));
        }

        Interactive(List<String> cmd) throws IOException {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            STARTED.add(process);
            stdin = process.getOutputStream();
            Thread.ofPlatform().daemon(true).start(() -> pump(process.getInputStream()));
        }

        private void pump(InputStream in) {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException ignored) {
                // gone
            }
        }

        void awaitPrompt() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!output.toString().contains("testpmd> ")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("testpmd not ready: " + output);
                }
                Thread.sleep(20);
            }
        }

        synchronized String command(String c) throws IOException, InterruptedException {
            return command(c, "testpmd> ");
        }

        /** With stdin a pipe testpmd may print its next prompt before the output: wait for {@code until} instead. */
        synchronized String command(String c, String until) throws IOException, InterruptedException {
            Pattern done = Pattern.compile(until);
            int before = output.length();
            stdin.write((c + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                String since = output.substring(before);
                if (done.matcher(since).find()) {
                    return since;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("testpmd did not answer " + c + ": " + since);
                }
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                try {
                    stdin.write("quit\n".getBytes(StandardCharsets.US_ASCII));
                    stdin.flush();
                } catch (IOException ignored) {
                    // closing
                }
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, Process p, String what, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
