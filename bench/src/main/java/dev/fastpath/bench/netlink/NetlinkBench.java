package dev.fastpath.bench.netlink;

import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.LinkChange;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.Route;
import dev.fastpath.nativeaccess.netns.NetNs;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Netlink facade versus exec-ing iproute2, per pod attachment and for a 1000-link dump. Needs root.
 *
 * <p>One attachment = create a veth pair in the "host" namespace, move one end into the "pod" namespace, rename it
 * to eth1, set its MAC and MTU, add an address, bring both ends up, add a default route. The facade side also pays
 * for opening the pod namespace and a netlink handle inside it (as a CNI ADD would); the ip side runs the same steps
 * as 8 {@code ip -n ...} commands (the baseline the issue names: an exec per step), and a third side runs them as one
 * {@code ip -n NS -batch -} per namespace (2 execs: what a careful shell-out could do). A second scenario creates the
 * pod end directly inside the pod namespace (same end state, no move). All sides use the same namespaces, take
 * turns attachment by attachment (each goes first equally often), and are cleaned up (pod end deleted) outside the
 * timed section. {@link #moveAlone} times the netns move by itself on both sides.
 *
 * <p>Run (root, from the repository root): {@code mvn -B -ntp -pl native -am install -DskipTests -q; java
 * --enable-native-access=ALL-UNNAMED -cp native/target/classes:bench/target/classes
 * dev.fastpath.bench.netlink.NetlinkBench [attachments=100] [rounds=3]} (bench classes from {@code mvn -pl bench
 * compile}, or {@code javac -d DIR -cp native/target/classes bench/src/main/java/dev/fastpath/bench/netlink/*.java}).
 */
public final class NetlinkBench {
    private static final String HOST = "fpbench-host";
    private static final String POD = "fpbench-pod";
    private static final String DUMP = "fpbench-dump";

    public static void main(String[] args) throws Exception {
        int attachments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        cleanup();
        try {
            run(attachments, rounds);
        } finally {
            cleanup();
        }
    }

    /** One way to attach: the facade's and iproute2's version of the same steps. */
    private interface Step {
        void run(Handle host, int i) throws Exception;
    }

    /** One attachment done three ways: the facade, one {@code ip} exec per step, and one {@code ip -batch} per ns. */
    private record Scenario(String title, Step facade, String ipName, Step ip, Step ipBatch) {}

    private static void run(int attachments, int rounds) throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario("Attachment as specified: veth create, move one end to the pod ns, rename to eth1, MAC, "
                        + "MTU, address, up x2, default route", NetlinkBench::attachFacade,
                        "iproute2 exec (8 x ip -n ...)", (h, i) -> attachIp(i), (h, i) -> attachIpBatch(i)),
                new Scenario("Attachment, peer born in the pod ns as eth1 (no move, no rename), MAC+MTU+up in one "
                        + "request, address, host end up, default route", NetlinkBench::attachFacadeDirect,
                        "iproute2 exec (5 x ip -n ..., combined sets)", (h, i) -> attachIpDirect(i),
                        (h, i) -> attachIpDirectBatch(i)));
        try (NetNs host = NetNs.create(HOST); NetNs pod = NetNs.create(POD); Handle h = Handle.open(host)) {
            for (Scenario sc : scenarios) {
                measure(sc, h, attachments, rounds);
            }
            moveAlone(h, pod, attachments, rounds);
        }
        dump(rounds);
    }

    private static void measure(Scenario sc, Handle h, int attachments, int rounds) throws Exception {
        List<Step> sides = List.of(sc.facade(), sc.ip(), sc.ipBatch());
        for (int i = 0; i < 30; i++) { // warm-up (JIT, first-use costs of every side), not recorded
            for (Step side : sides) {
                side.run(h, i);
                detach(i);
            }
        }
        List<List<Double>> all = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> noMove = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<List<Double>> round = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < attachments; i++) {
                for (int k = 0; k < sides.size(); k++) {
                    int side = (i + k) % sides.size(); // each side goes first, second and third equally often
                    lastMoveNanos = 0;
                    long t0 = System.nanoTime();
                    sides.get(side).run(h, i);
                    long t = System.nanoTime() - t0;
                    round.get(side).add(t / 1e6);
                    if (side < noMove.size()) {
                        noMove.get(side).add((t - lastMoveNanos) / 1e6);
                    }
                    detach(i);
                }
            }
            for (int side = 0; side < sides.size(); side++) {
                all.get(side).addAll(round.get(side));
            }
            perRound.add(String.format(Locale.ROOT, "  round %d: facade median %.3f ms, ip median %.3f ms (%.1fx), "
                    + "ip -batch median %.3f ms (%.1fx)", r + 1, pct(round.get(0), 50), pct(round.get(1), 50),
                    pct(round.get(1), 50) / pct(round.get(0), 50), pct(round.get(2), 50),
                    pct(round.get(2), 50) / pct(round.get(0), 50)));
        }
        System.out.printf(Locale.ROOT, "%n%s%n%d attachments x %d rounds, interleaved, per attachment%n",
                sc.title(), attachments, rounds);
        table(List.of(row("netlink facade (Handle)", all.get(0)), row(sc.ipName(), all.get(1)),
                row("iproute2 ip -batch, one exec per namespace", all.get(2))));
        System.out.printf(Locale.ROOT, "ratio ip/facade: median %.1fx, p99 %.1fx; ip -batch/facade: median %.1fx%n",
                pct(all.get(1), 50) / pct(all.get(0), 50), pct(all.get(1), 99) / pct(all.get(0), 99),
                pct(all.get(2), 50) / pct(all.get(0), 50));
        if (pct(all.get(1), 50) != pct(noMove.get(1), 50)) {
            System.out.printf(Locale.ROOT, "without the netns-move step (kernel time, timed separately on each side): "
                    + "facade median %.3f ms, ip median %.3f ms, ratio %.1fx%n", pct(noMove.get(0), 50),
                    pct(noMove.get(1), 50), pct(noMove.get(1), 50) / pct(noMove.get(0), 50));
        }
        perRound.forEach(System.out::println);
    }

    /**
     * The netns move on its own, to see whether anything on our side adds to it. Per iteration (untimed: create a
     * veth pair in the host ns; delete it afterwards), interleaved: the facade's {@code moveToNetns} (name lookup +
     * RTM_NEWLINK IFLA_NET_NS_FD, pod ns already open, as in the attachment) and {@code ip -n HOST link set dev X
     * netns POD}; plus the two parts of the facade move (lookup alone, then the RTM_NEWLINK by a known index is the
     * rest) and the exec floor of an {@code ip -n HOST} command that does one lookup ({@code ip -n HOST link show
     * dev lo}): ip's move minus that floor is the kernel's share on the ip side.
     */
    private static void moveAlone(Handle h, NetNs pod, int iterations, int rounds) throws Exception {
        List<Double> facade = new ArrayList<>();
        List<Double> lookup = new ArrayList<>();
        List<Double> ip = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<String> perRound = new ArrayList<>();
        for (int r = -1; r < rounds; r++) { // round -1 is warm-up, not recorded
            List<Double> f = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            List<Double> lk = new ArrayList<>();
            List<Double> fl = new ArrayList<>();
            for (int i = 0; i < (r < 0 ? 20 : iterations); i++) {
                boolean facadeFirst = (i & 1) == 0;
                for (int k = 0; k < 2; k++) {
                    String hostEnd = "fph" + i;
                    String podEnd = "fpp" + i;
                    h.addVeth(hostEnd, podEnd);
                    if (facadeFirst == (k == 0)) {
                        long t0 = System.nanoTime();
                        h.ifindex(podEnd);
                        long t1 = System.nanoTime();
                        h.moveToNetns(podEnd, pod, Optional.empty());
                        long t2 = System.nanoTime();
                        f.add((t2 - t1) / 1e6);
                        lk.add((t1 - t0) / 1e6);
                    } else {
                        long t0 = System.nanoTime();
                        ip("-n", HOST, "link", "set", "dev", podEnd, "netns", POD);
                        x.add((System.nanoTime() - t0) / 1e6);
                        t0 = System.nanoTime();
                        ip("-n", HOST, "link", "show", "dev", "lo");
                        fl.add((System.nanoTime() - t0) / 1e6);
                    }
                    ip("-n", POD, "link", "del", "dev", podEnd);
                }
            }
            if (r >= 0) {
                facade.addAll(f);
                ip.addAll(x);
                lookup.addAll(lk);
                floor.addAll(fl);
                perRound.add(String.format(Locale.ROOT, "  round %d: facade move median %.3f ms, ip move median "
                        + "%.3f ms", r + 1, pct(f, 50), pct(x, 50)));
            }
        }
        System.out.printf(Locale.ROOT, "%nnetns move alone (veth end, host ns -> pod ns), %d x %d rounds, interleaved%n",
                iterations, rounds);
        table(List.of(row("facade moveToNetns (lookup + RTM_NEWLINK)", facade),
                row("  of which: name lookup (RTM_GETLINK)", lookup),
                row("ip -n host link set dev X netns pod (exec)", ip),
                row("ip exec floor: ip -n host link show dev lo", floor)));
        System.out.printf(Locale.ROOT, "kernel share on the ip side (ip move - exec floor): median %.3f ms; facade "
                + "move: median %.3f ms%n", pct(ip, 50) - pct(floor, 50), pct(facade, 50));
        perRound.forEach(System.out::println);
    }

    /** The pod end is created inside the pod namespace with its final name: no netns move (the kernel's slow part). */
    private static void attachFacadeDirect(Handle h, int i) {
        String hostEnd = "fph" + i;
        try (NetNs pod = NetNs.named(POD); Handle p = Handle.open(pod)) {
            h.addVeth(hostEnd, "eth1", pod);
            p.setLink("eth1", LinkChange.of().mac(MacAddress.parse(mac(i))).mtu(1450).up(true));
            p.addAddressNoDad("eth1", IpPrefix.parse("10.200.0.2/24"));
            h.setUp(hostEnd);
            p.addRoute(Route.defaultVia(IpPrefix.literal("10.200.0.1"), p.ifindex("eth1")));
        }
    }

    private static void attachIpDirect(int i) throws IOException, InterruptedException {
        String hostEnd = "fph" + i;
        ip("-n", HOST, "link", "add", hostEnd, "type", "veth", "peer", "name", "eth1", "netns", POD);
        ip("-n", POD, "link", "set", "dev", "eth1", "address", mac(i), "mtu", "1450", "up");
        ip("-n", POD, "addr", "add", "10.200.0.2/24", "dev", "eth1", "nodad");
        ip("-n", HOST, "link", "set", "dev", hostEnd, "up");
        ip("-n", POD, "route", "add", "default", "via", "10.200.0.1", "dev", "eth1");
    }

    /** The same steps as {@link #attachIpDirect}, as one {@code ip -batch} per namespace (2 execs). */
    private static void attachIpDirectBatch(int i) throws IOException, InterruptedException {
        String hostEnd = "fph" + i;
        ipBatch(HOST, "link add " + hostEnd + " type veth peer name eth1 netns " + POD,
                "link set dev " + hostEnd + " up");
        ipBatch(POD, "link set dev eth1 address " + mac(i) + " mtu 1450 up",
                "addr add 10.200.0.2/24 dev eth1 nodad",
                "route add default via 10.200.0.1 dev eth1");
    }

    /** Time spent in the netns-move step of the last attachment (kernel-bound: RCU grace periods). */
    private static long lastMoveNanos;

    private static void attachFacade(Handle h, int i) {
        String hostEnd = "fph" + i;
        String podEnd = "fpp" + i;
        h.addVeth(hostEnd, podEnd);
        try (NetNs pod = NetNs.named(POD); Handle p = Handle.open(pod)) {
            long m0 = System.nanoTime();
            h.moveToNetns(podEnd, pod, Optional.empty());
            lastMoveNanos = System.nanoTime() - m0;
            p.rename(podEnd, "eth1");
            p.setMac("eth1", MacAddress.parse(mac(i)));
            p.setMtu("eth1", 1450);
            p.addAddressNoDad("eth1", IpPrefix.parse("10.200.0.2/24"));
            p.setUp("eth1");
            h.setUp(hostEnd);
            p.addRoute(Route.defaultVia(IpPrefix.literal("10.200.0.1"), p.ifindex("eth1")));
        }
    }

    private static void attachIp(int i) throws IOException, InterruptedException {
        String hostEnd = "fph" + i;
        String podEnd = "fpp" + i;
        ip("-n", HOST, "link", "add", hostEnd, "type", "veth", "peer", "name", podEnd);
        long m0 = System.nanoTime();
        ip("-n", HOST, "link", "set", "dev", podEnd, "netns", POD);
        lastMoveNanos = System.nanoTime() - m0;
        ip("-n", POD, "link", "set", "dev", podEnd, "name", "eth1");
        ip("-n", POD, "link", "set", "dev", "eth1", "address", mac(i), "mtu", "1450");
        ip("-n", POD, "addr", "add", "10.200.0.2/24", "dev", "eth1", "nodad");
        ip("-n", POD, "link", "set", "dev", "eth1", "up");
        ip("-n", HOST, "link", "set", "dev", hostEnd, "up");
        ip("-n", POD, "route", "add", "default", "via", "10.200.0.1", "dev", "eth1");
    }

    /** The same steps as {@link #attachIp}, as one {@code ip -batch} per namespace (2 execs). */
    private static void attachIpBatch(int i) throws IOException, InterruptedException {
        String hostEnd = "fph" + i;
        String podEnd = "fpp" + i;
        ipBatch(HOST, "link add " + hostEnd + " type veth peer name " + podEnd,
                "link set dev " + podEnd + " netns " + POD,
                "link set dev " + hostEnd + " up");
        ipBatch(POD, "link set dev " + podEnd + " name eth1",
                "link set dev eth1 address " + mac(i) + " mtu 1450",
                "addr add 10.200.0.2/24 dev eth1 nodad",
                "link set dev eth1 up",
                "route add default via 10.200.0.1 dev eth1");
    }

    /** Untimed: deleting the pod end removes its peer, its address and its route. */
    private static void detach(int i) throws IOException, InterruptedException {
        // the same for both sides, so it does not favour either
        ip("-n", POD, "link", "del", "dev", "eth1");
    }

    private static void dump(int rounds) throws Exception {
        int pairs = 500;
        try (NetNs ns = NetNs.create(DUMP); Handle h = Handle.open(ns)) {
            for (int i = 0; i < pairs; i++) {
                h.addVeth("fpd" + i + "a", "fpd" + i + "b");
            }
            int links = h.links().size();
            List<Double> f = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            List<Double> xj = new ArrayList<>();
            for (int i = 0; i < 30; i++) { // warm-up
                h.links();
                ip("-n", DUMP, "link", "show");
            }
            for (int r = 0; r < rounds * 10; r++) {
                long t0 = System.nanoTime();
                List<Link> all = h.links();
                f.add((System.nanoTime() - t0) / 1e6);
                if (all.size() != links) {
                    throw new IllegalStateException("dump returned " + all.size() + " links, expected " + links);
                }
                t0 = System.nanoTime();
                ip("-n", DUMP, "link", "show");
                x.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                ip("-n", DUMP, "-j", "link", "show");
                xj.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "%nDump of %d links (%d veth pairs + lo), %d dumps each, interleaved%n",
                    links, pairs, rounds * 10);
            table(List.of(row("netlink facade links() -> records", f), row("ip link show (exec, text)", x),
                    row("ip -j link show (exec, JSON)", xj)));
            System.out.printf(Locale.ROOT, "ratio ip/facade: median %.1fx%n", pct(x, 50) / pct(f, 50));
        } finally {
            if (NetNs.exists(DUMP)) {
                NetNs.delete(DUMP);
            }
        }
    }

    private static String mac(int i) {
        return String.format(Locale.ROOT, "02:fb:00:00:%02x:%02x", (i >> 8) & 0xff, i & 0xff);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + new String(out));
        }
    }

    /** {@code ip -n NS -batch -} with {@code commands} on stdin, one per line; fails on the first failing one. */
    private static void ipBatch(String ns, String... commands) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-n", ns, "-batch", "-").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ip -n " + ns + " -batch: " + String.join("; ", commands) + ": "
                    + new String(out));
        }
    }

    private static void cleanup() {
        for (String ns : List.of(HOST, POD, DUMP)) {
            if (NetNs.exists(ns)) {
                NetNs.delete(ns);
            }
        }
    }

    private record Row(String name, int n, double median, double p90, double p99, double min) {}

    private static Row row(String name, List<Double> ms) {
        return new Row(name, ms.size(), pct(ms, 50), pct(ms, 90), pct(ms, 99), pct(ms, 0));
    }

    private static void table(List<Row> rows) {
        System.out.printf(Locale.ROOT, "| %-44s | %5s | %10s | %10s | %10s | %10s |%n", "implementation", "n",
                "median ms", "p90 ms", "p99 ms", "min ms");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(7), "-".repeat(12),
                "-".repeat(12), "-".repeat(12), "-".repeat(12));
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %-44s | %5d | %10.3f | %10.3f | %10.3f | %10.3f |%n", r.name(), r.n(),
                    r.median(), r.p90(), r.p99(), r.min());
        }
    }

    private static double pct(List<Double> values, int p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, idx))];
    }
}
