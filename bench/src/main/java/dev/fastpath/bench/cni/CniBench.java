package dev.fastpath.bench.cni;

import dev.fastpath.cniplugin.protocol.AgentProtocol;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.protocol.AgentResponse;
import dev.fastpath.cniplugin.shim.FastpathShim;
import dev.fastpath.nodeagent.cni.CniAgentConfig;
import dev.fastpath.nodeagent.cni.CniServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * CNI attach latency, printed as a table (run as root; see bench/README.md for the command):
 * <ul>
 *   <li>shim overhead: the installed {@code fastpath} launcher answering VERSION locally, and ADD/DEL through
 *       the shim minus the same ADD/DEL sent straight to the agent socket from this JVM;</li>
 *   <li>ADD and DEL latency (p50/p99 over N runs, interleaved) for sriov-dpdk, sriov (a veth "VF" from a fake
 *       sysfs tree moved into a pod namespace, host-local IPAM) and Debian's host-device plugin moving an
 *       equivalent veth with host-local;</li>
 *   <li>100 concurrent sriov-dpdk ADDs (then DELs) on one agent: errors and wall time;</li>
 *   <li>vhost-user ADD/DEL via the shim against the real fastpath-switch process (PMD pinned to CPU 0), interleaved
 *       with host-device again so both rows see the same busy-polling core. Workload-server mode: the switch's
 *       client port just waits for a pod app that never comes, which is what an ADD before the pod starts sees.</li>
 * </ul>
 * Everything runs on this machine: the agent's CNI server in this JVM, the shim and host-device as real
 * processes, real namespaces and links (prefix "fpb"), all removed at the end.
 */
public final class CniBench {
    private static final String PF = "0000:03:00.0";
    private static final String CNI_DIR = "/usr/lib/cni";
    private final Path tmp;
    private final List<String> shimCommand;
    private final CniAgentConfig config;
    private final BenchSysfs sysfs;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    private CniBench(Path tmp, List<String> shimCommand) throws IOException {
        this.tmp = tmp;
        this.shimCommand = shimCommand;
        this.sysfs = new BenchSysfs(tmp.resolve("sys"), PF, "fpbpf");
        this.config = new CniAgentConfig(tmp.resolve("run/agent.sock"), tmp.resolve("ckpt"), tmp.resolve("devinfo"), sysfs.root)
                .withSwitch(tmp.resolve("switch/switch.sock"), tmp.resolve("sockets"));
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path shim = Path.of(System.getProperty("fastpath.cni.shim", "cni-plugin/target/cni-bin/fastpath")).toAbsolutePath();
        if (!Files.isExecutable(shim)) throw new IllegalStateException("no shim launcher at " + shim + " (mvn -pl cni-plugin package builds it)");
        Path tmp = Files.createTempDirectory("fastpath-cni-bench");
        CniBench bench = new CniBench(tmp, List.of(shim.toString()));
        try {
            bench.run(runs);
        } finally {
            bench.cleanUp();
        }
    }

    private void run(int runs) throws Exception {
        String ns = netns("fpbpod");
        String dpdkVf = sysfs.addVf(PF, "vfio-pci", null);
        ip("link", "add", "fpbvf", "type", "veth", "peer", "name", "fpbvfp");
        links.add("fpbvf");
        String sriovVf = sysfs.addVf(PF, "iavf", "fpbvf");
        ip("link", "add", "fpbhd", "type", "veth", "peer", "name", "fpbhdp");
        links.add("fpbhd");
        List<String> bulkVfs = new ArrayList<>();
        for (int i = 0; i < 100; i++) bulkVfs.add(sysfs.addVf(PF, "vfio-pci", null));

        Map<String, List<Double>> samples = new LinkedHashMap<>();
        try (CniServer server = CniServer.create(config).start()) {
            String dpdk = fastpathConfig("bench-dpdk", "sriov-dpdk", dpdkVf, "10.90.0.0/16");
            String sriov = fastpathConfig("bench-sriov", "sriov", sriovVf, "10.91.0.0/16");
            String hostDevice = """
                    {"cniVersion":"1.0.0","name":"bench-hd","type":"host-device","device":"fpbhd",
                     "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.92.0.0/16"}]]}}""".formatted(tmp.resolve("ipam"));
            // Warm-up: page cache, the agent's JIT, host-local's first run.
            for (int i = 0; i < 10; i++) {
                cycle(shimCommand, dpdk, ns, null);
                cycle(shimCommand, sriov, ns, null);
                cycle(List.of(CNI_DIR + "/host-device"), hostDevice, ns, null);
            }
            for (int i = 0; i < runs; i++) {
                samples.computeIfAbsent("VERSION (local)", k -> new ArrayList<>()).add(timeProcess(shimCommand, env("VERSION", null, null), "{\"cniVersion\":\"1.1.0\"}"));
                cycle(shimCommand, dpdk, ns, samples, "sriov-dpdk via shim");
                cycle(null, dpdk, ns, samples, "sriov-dpdk direct to agent socket");
                cycle(shimCommand, sriov, ns, samples, "sriov (veth VF) via shim");
                cycle(null, sriov, ns, samples, "sriov (veth VF) direct to agent socket");
                cycle(List.of(CNI_DIR + "/host-device"), hostDevice, ns, samples, "host-device (veth) + host-local");
            }
            Concurrent bulk = concurrentAdds(bulkVfs, ns);
            // The switch only now: its PMD busy-polls CPU 0, which would tax every row above on this 2-core machine.
            try (BenchSwitch sw = BenchSwitch.start(config.switchEndpoint())) {
                String vhost = vhostUserConfig();
                for (int i = 0; i < 10; i++) {
                    cycle(shimCommand, vhost, ns, null);
                    cycle(List.of(CNI_DIR + "/host-device"), hostDevice, ns, null);
                }
                for (int i = 0; i < runs; i++) {
                    cycle(shimCommand, vhost, ns, samples, VHOST);
                    cycle(null, vhost, ns, samples, VHOST_DIRECT);
                    cycle(List.of(CNI_DIR + "/host-device"), hostDevice, ns, samples, HOST_DEVICE_BUSY);
                }
            }
            print(runs, samples, bulk);
        }
    }

    private record Concurrent(int pods, int addErrors, int delErrors, double addWallMs, double delWallMs) {}

    /** 100 pods ADD at once (each its own VF and container id), then DEL at once. */
    private Concurrent concurrentAdds(List<String> vfs, String ns) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            int addErrors = allAtOnce(pool, "ADD", vfs, ns);
            double addMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            int delErrors = allAtOnce(pool, "DEL", vfs, ns);
            return new Concurrent(vfs.size(), addErrors, delErrors, addMs, (System.nanoTime() - start) / 1e6);
        }
    }

    /** {@code command} for every bulk pod (container bulk<i> on VF i) at once through the shim; returns the failures. */
    private int allAtOnce(ExecutorService pool, String command, List<String> vfs, String ns) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < vfs.size(); i++) {
            String cfg = fastpathConfig("bench-bulk", "sriov-dpdk", vfs.get(i), "10.93.0.0/16");
            String id = "bulk" + i;
            calls.add(pool.submit(() -> exit(shimCommand, env(command, id, ns), cfg)));
        }
        int errors = 0;
        for (Future<Integer> f : calls) errors += f.get() == 0 ? 0 : 1;
        return errors;
    }

    private void cycle(List<String> command, String config, String ns, Map<String, List<Double>> samples) throws Exception {
        cycle(command, config, ns, samples, null);
    }

    /** One ADD then one DEL of container "bench" as net1; a null command sends the frames straight to the agent. */
    private void cycle(List<String> command, String config, String ns, Map<String, List<Double>> samples, String label) throws Exception {
        double add = command == null ? timeDirect(env("ADD", "bench", ns), config) : timeProcess(command, env("ADD", "bench", ns), config);
        double del = command == null ? timeDirect(env("DEL", "bench", ns), config) : timeProcess(command, env("DEL", "bench", ns), config);
        if (samples != null) {
            samples.computeIfAbsent(label + " ADD", k -> new ArrayList<>()).add(add);
            samples.computeIfAbsent(label + " DEL", k -> new ArrayList<>()).add(del);
        }
    }

    private static final String VHOST = "vhost-user via shim, real switch";
    private static final String VHOST_DIRECT = "vhost-user direct to agent socket";
    private static final String HOST_DEVICE_BUSY = "host-device, switch PMD busy on CPU 0";

    /** vhost-user, workload server mode: the switch adds a client port on the pod's socket path and waits. */
    private String vhostUserConfig() {
        return """
                {"cniVersion":"1.1.0","name":"bench-vhost","type":"fastpath","attachment":"vhost-user","vlan":30,
                 "vhostUser":{"mode":"server","queues":1},
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.94.0.0/16"}]]}}""".formatted(tmp.resolve("ipam"));
    }

    private Map<String, String> env(String command, String containerId, String ns) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        if (containerId != null) {
            env.put("CNI_CONTAINERID", containerId);
            env.put("CNI_NETNS", ns);
            env.put("CNI_IFNAME", "net1");
            env.put("CNI_PATH", CNI_DIR);
        }
        return env;
    }

    private String fastpathConfig(String name, String attachment, String vf, String subnet) {
        return """
                {"cniVersion":"1.1.0","name":"%s","type":"fastpath","attachment":"%s","mtu":1500,
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"%s"}]]},
                 "runtimeConfig":{"deviceID":"%s"}}""".formatted(name, attachment, tmp.resolve("ipam"), subnet, vf);
    }

    private double timeProcess(List<String> command, Map<String, String> env, String stdin) throws Exception {
        long start = System.nanoTime();
        Result r = exec(command, env, stdin);
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.exit != 0) throw new IllegalStateException(String.join(" ", command) + " " + env.get("CNI_COMMAND") + " failed: " + r.stdout + r.stderr);
        return ms;
    }

    private int exit(List<String> command, Map<String, String> env, String stdin) throws Exception {
        Result r = exec(command, env, stdin);
        if (r.exit != 0) System.err.println(env.get("CNI_COMMAND") + " " + env.get("CNI_CONTAINERID") + ": " + r.stdout);
        return r.exit;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result exec(List<String> command, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().putAll(env);
        pb.environment().put(FastpathShim.AGENT_SOCKET_ENV, config.socket().toString());
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return new Result(p.waitFor(), out.join(), err.join());
    }

    /** The same request the shim would send, from this JVM: the agent's share of a CNI call. */
    private double timeDirect(Map<String, String> env, String stdin) throws Exception {
        long start = System.nanoTime();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(config.socket()))) {
            AgentProtocol.writeRequest(Channels.newOutputStream(ch), new AgentRequest(env, stdin.getBytes(StandardCharsets.UTF_8)));
            AgentResponse r = AgentProtocol.readResponse(Channels.newInputStream(ch));
            if (r.exitCode() != 0) throw new IllegalStateException("direct " + env.get("CNI_COMMAND") + " failed: " + r.stdoutText());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (s) {
                f.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        });
        return f;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void print(int runs, Map<String, List<Double>> samples, Concurrent bulk) {
        System.out.printf("%nCNI latency, %d interleaved runs each (ms; wall time of one CNI invocation as kubelet/Multus sees it)%n", runs);
        System.out.printf("%-44s %8s %8s%n", "case", "p50", "p99");
        samples.forEach((k, v) -> System.out.printf("%-44s %8.1f %8.1f%n", k, percentile(v, 50), percentile(v, 99)));
        for (String op : List.of("ADD", "DEL")) {
            List<Double> viaShim = samples.get("sriov-dpdk via shim " + op);
            List<Double> direct = samples.get("sriov-dpdk direct to agent socket " + op);
            System.out.printf("%-44s %8.1f %8s%n", "shim overhead " + op + " (p50 shim - p50 direct)",
                    percentile(viaShim, 50) - percentile(direct, 50), "");
        }
        // Two readings of "sriov ADD within 2x of host-device": as kubelet sees it (a JVM start included), and
        // the attach path itself (the same request straight to the agent), next to host-device's whole run.
        String hd = "host-device (veth) + host-local ADD";
        ratio(samples, "sriov ADD via shim / host-device ADD", "sriov (veth VF) via shim ADD", hd);
        ratio(samples, "sriov ADD direct / host-device ADD", "sriov (veth VF) direct to agent socket ADD", hd);
        ratio(samples, "vhost-user ADD via shim / host-device ADD", VHOST + " ADD", HOST_DEVICE_BUSY + " ADD");
        ratio(samples, "vhost-user ADD direct / host-device ADD", VHOST_DIRECT + " ADD", HOST_DEVICE_BUSY + " ADD");
        System.out.printf("%n%d concurrent sriov-dpdk pod ADDs: %d errors, %.0f ms wall; then DELs: %d errors, %.0f ms wall%n",
                bulk.pods(), bulk.addErrors(), bulk.addWallMs(), bulk.delErrors(), bulk.delWallMs());
    }

    private static void ratio(Map<String, List<Double>> samples, String label, String numerator, String denominator) {
        System.out.printf("%-44s %8.2f%n", label + " (p50)", percentile(samples.get(numerator), 50) / percentile(samples.get(denominator), 50));
    }

    private String netns(String name) {
        ip("netns", "add", name);
        namespaces.add(name);
        return "/var/run/netns/" + name;
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void cleanUp() throws IOException {
        for (String ns : namespaces) {
            try {
                ip("netns", "del", ns);
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        for (String link : links) {
            try {
                ip("link", "del", link);
            } catch (RuntimeException e) {
                // gone with its namespace
            }
        }
        try (Stream<Path> walk = Files.walk(tmp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
