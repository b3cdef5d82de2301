package dev.fastpath.bench.dataplane;

import dev.fastpath.bench.dataplane.EmbeddedSwitchBench.Interactive;
import dev.fastpath.bench.dataplane.EmbeddedSwitchBench.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel row of the switch benchmark: the same tx-first io-forward loop, but the pod's two ports are
 * {@code net_af_packet} sockets on the two ends of a veth pair, so every packet crosses the kernel (af_packet tx,
 * veth, netif_rx/softirq, af_packet rx): the path a pod without DPDK takes. There is no separate switch thread:
 * the kernel's work runs inside the pod's syscalls on the pod CPU, so busy ns/pkt is the pod's kernel (system)
 * time per forwarded packet from {@code /proc/<pid>/stat} (clock ticks: coarse, 10 ms, over a 5 s window).
 */
final class KernelVethBench {
    private static final int POD_CPU = 1;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private KernelVethBench() {}

    static Result run(int frameSize, int inFlight, int seconds) throws Exception {
        String a = "fpbkv" + ProcessHandle.current().pid() % 10000 + "a";
        String b = a.substring(0, a.length() - 1) + "b";
        String prefix = "fpbench-kv-" + ProcessHandle.current().pid();
        ip("link", "add", a, "mtu", "9000", "type", "veth", "peer", "name", b, "mtu", "9000");
        Interactive pod = null;
        try {
            for (String dev : List.of(a, b)) {
                Files.writeString(Path.of("/proc/sys/net/ipv6/conf/" + dev + "/disable_ipv6"), "1");
                ip("link", "set", dev, "up");
            }
            pod = new Interactive(List.of("stdbuf", "-o0", "dpdk-testpmd", "--lcores", "0@" + POD_CPU + ",1@" + POD_CPU,
                    "--main-lcore", "0", "--no-pci", "--file-prefix", prefix, "--in-memory", "-m", "256",
                    "--vdev", "net_af_packet0,iface=" + a, "--vdev", "net_af_packet1,iface=" + b,
                    "--", "-i", "--forward-mode=io", "--nb-cores=1", "--txpkts=" + frameSize, "--total-num-mbufs=8192",
                    "--no-lsc-interrupt"));
            pod.awaitPrompt();
            pod.command("start tx_first " + inFlight / 64);
            Thread.sleep(2000);
            long rx0 = rxTotal(pod);
            long sys0 = systemTicks(pod.process.pid());
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long rx1 = rxTotal(pod);
            long sys1 = systemTicks(pod.process.pid());
            long t1 = System.nanoTime();
            long packets = rx1 - rx0;
            double sysNs = (sys1 - sys0) * 1e9 / TICKS_PER_SECOND;
            return new Result(packets / ((t1 - t0) / 1e3), packets == 0 ? Double.NaN : sysNs / packets);
        } finally {
            if (pod != null) pod.close();
            ip("link", "del", a);
            EmbeddedSwitchBench.deleteTree(Path.of("/var/run/dpdk", prefix));
        }
    }

    private static long rxTotal(Interactive pod) throws IOException, InterruptedException {
        String s = pod.command("show port stats all", "(?s)NIC statistics for port 1.*?TX-bytes:\\s+\\d+");
        Matcher m = Pattern.compile("RX-packets:\\s+(\\d+)").matcher(s);
        long total = 0;
        while (m.find()) total += Long.parseLong(m.group(1));
        return total;
    }

    /** stime of the process (all threads), field 15 of /proc/pid/stat, after the parenthesised command name. */
    private static long systemTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[12]);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
}
