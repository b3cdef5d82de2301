package dev.fastpath.bench.dataplane;

import dev.fastpath.bench.dataplane.EmbeddedSwitchBench.Pod;
import dev.fastpath.bench.dataplane.EmbeddedSwitchBench.Result;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.ovs.OvsSwitch;
import dev.fastpath.dataplane.ovs.OvsSwitchConfig;
import dev.fastpath.dataplane.testing.PrivateOvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OVS-DPDK row of the switch benchmark, and a runner that puts it next to the other rows in one table.
 *
 * <p>One run: a private ovsdb-server + ovs-vswitchd-dpdk (PMD on CPU 0 like every switch here, its main thread on
 * CPU 1), a netdev bridge with two {@code dpdkvhostuserclient} ports on one VLAN created through Fastpath's own ovs
 * backend (NORMAL action: MAC learning on), and the shared traffic pod of {@link EmbeddedSwitchBench} (testpmd on
 * CPU 1, two virtio-user server ports, io forward, {@code start tx_first N}: N bursts of 32 per port, so 64 or 256
 * packets in flight). After a 2 s warm-up the PMD statistics are cleared, and after the window:
 * <ul>
 *   <li>Mpps = packets the pod received over the window (each crossed the switch once);</li>
 *   <li>busy ns/pkt = {@code ovs-appctl dpif-netdev/pmd-stats-show} processing cycles / packets received, divided
 *       by the TSC rate, which is (idle + processing cycles) / window: the PMD's cycle counters are TSC deltas.</li>
 * </ul>
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am install -DskipTests
 * mvn -B -ntp -q -pl bench dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * flock /tmp/fastpath-dataplane.lock java --enable-native-access=ALL-UNNAMED \
 *   -cp bench/target/classes:$(cat /tmp/bench.cp) dev.fastpath.bench.dataplane.OvsDpdkBench [repeats] [seconds] [systems] [sizes, e.g. 64,512] [in-flight, e.g. 64,256]
 * </pre>
 * {@code systems} is a comma list of {@code testpmd-io,embedded,ovs-dpdk,kernel-veth} (default: all four), run
 * interleaved per frame size and in-flight count, medians of the repeats. {@code kernel-veth} is
 * {@link KernelVethBench}: no switch thread, its ns/pkt is the pod's kernel time per packet.
 */
public final class OvsDpdkBench {
    static final int SWITCH_CPU = 0;
    static final int OVS_MAIN_CPU = 1;
    private static final Pattern PACKETS = Pattern.compile("packets received:\\s*(\\d+)");
    private static final Pattern IDLE = Pattern.compile("idle cycles:\\s*(\\d+)");
    private static final Pattern PROCESSING = Pattern.compile("processing cycles:\\s*(\\d+)");

    private OvsDpdkBench() {}

    /** One OVS-DPDK loopback run; everything it starts is stopped and removed before it returns. */
    public static Result run(int frameSize, int inFlight, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("fpbench-ovs");
        String prefix = "fpbench-ovs-" + ProcessHandle.current().pid();
        PrivateOvs ovs = PrivateOvs.startDatabase(dir.resolve("ovs"));
        Pod pod = null;
        try {
            ovs.startVswitchd(prefix, OVS_MAIN_CPU, SWITCH_CPU, 512);
            pod = new Pod(dir, frameSize);
            try (OvsSwitch sw = OvsSwitch.open(OvsSwitchConfig.of(ovs.dbSocket(), "fpbench"))) {
                sw.addPort(new PortSpec.VhostUser("p0", dir.resolve("p0.sock"), PortSpec.VhostMode.CLIENT, 100, 1));
                sw.addPort(new PortSpec.VhostUser("p1", dir.resolve("p1.sock"), PortSpec.VhostMode.CLIENT, 100, 1));
                pod.awaitReady();
                Thread.sleep(1000); // vhost queues enabled on the OVS side before the first burst
                pod.command("start tx_first " + inFlight / 64);
                Thread.sleep(2000); // warm-up: learning, flow cache
                appctl(ovs, "dpif-netdev/pmd-stats-clear");
                long rx0 = pod.rxTotal();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                String stats = appctl(ovs, "dpif-netdev/pmd-stats-show");
                long rx1 = pod.rxTotal();
                long t1 = System.nanoTime();
                if (Boolean.getBoolean("fastpath.bench.verbose")) {
                    System.err.println(stats);
                    sw.listPorts().forEach(p -> System.err.println("  " + p.name() + " " + p.stats() + " (OVSDB, up to 5 s old)"));
                }
                // The output has a section per PMD thread and one for the main thread: only the PMD's counts.
                int pmd = stats.indexOf("pmd thread");
                if (pmd < 0) throw new IllegalStateException("no PMD thread in pmd-stats-show:\n" + stats);
                String pmdStats = stats.substring(pmd);
                long packets = number(PACKETS, pmdStats);
                long idle = number(IDLE, pmdStats);
                long processing = number(PROCESSING, pmdStats);
                double window = (t1 - t0) / 1e9;
                double tscHz = (idle + processing) / window;
                double nsPerPacket = packets == 0 ? Double.NaN : processing / (double) packets / tscHz * 1e9;
                return new Result((rx1 - rx0) / window / 1e6, nsPerPacket);
            }
        } finally {
            if (pod != null) pod.close();
            ovs.close();
            EmbeddedSwitchBench.deleteTree(dir);
        }
    }

    private static int[] ints(String list) {
        return java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> systems = List.of((args.length > 2 ? args[2] : "testpmd-io,embedded,ovs-dpdk,kernel-veth").split(","));
        int[] sizes = args.length > 3 ? ints(args[3]) : new int[] {64, 512, 1500};
        int[] inflight = args.length > 4 ? ints(args[4]) : new int[] {64, 256};
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (int size : sizes) {
                for (int fl : inflight) {
                    for (String system : systems) {
                        Result res;
                        try {
                            res = switch (system) {
                                case "testpmd-io" -> EmbeddedSwitchBench.runTestpmd(size, fl, seconds);
                                case "embedded" -> EmbeddedSwitchBench.runEmbedded(size, fl, seconds);
                                case "ovs-dpdk" -> run(size, fl, seconds);
                                case "kernel-veth" -> KernelVethBench.run(size, fl, seconds);
                                default -> throw new IllegalArgumentException("unknown system " + system);
                            };
                        } catch (IllegalArgumentException e) {
                            throw e;
                        } catch (Exception e) {
                            System.err.printf("run %d %-10s %5d B %3d in flight FAILED: %s%n", r + 1, system, size, fl, e);
                            res = new Result(Double.NaN, Double.NaN);
                        }
                        results.computeIfAbsent(system + "|" + size + "|" + fl, k -> new ArrayList<>()).add(res);
                        System.err.printf("run %d %-10s %5d B %3d in flight: %.3f Mpps %.1f ns/pkt%n", r + 1, system, size, fl, res.mpps(), res.nsPerPkt());
                    }
                }
            }
        }
        System.out.printf("%nTx-first loopback, switch PMD on CPU %d, pod (testpmd io, 2 virtio-user ports) on CPU 1, %d repeats x %d s, medians%n",
                SWITCH_CPU, repeats, seconds);
        System.out.printf("%-12s %6s %9s %9s %12s %14s%n", "switch", "frame", "in-flight", "Mpps", "busy ns/pkt", "ns/pkt vs io");
        for (int size : sizes) {
            for (int fl : inflight) {
                Result io = systems.contains("testpmd-io") ? EmbeddedSwitchBench.median(results.get("testpmd-io|" + size + "|" + fl)) : null;
                for (String system : systems) {
                    Result m = EmbeddedSwitchBench.median(results.get(system + "|" + size + "|" + fl));
                    double ratio = io == null ? Double.NaN : m.nsPerPkt() / io.nsPerPkt();
                    System.out.printf("%-12s %6d %9d %9.3f %12.1f %13.2fx%n", system, size, fl, m.mpps(), m.nsPerPkt(), ratio);
                }
            }
        }
    }

    private static String appctl(PrivateOvs ovs, String command) throws Exception {
        Process p = new ProcessBuilder("ovs-appctl", "-t", ovs.vswitchdControl().toString(), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("ovs-appctl " + command + " failed: " + out);
        return out;
    }

    private static long number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) throw new IllegalStateException("no '" + pattern + "' in pmd-stats-show output:\n" + text);
        return Long.parseLong(m.group(1));
    }
}
