package dev.fastpath.dataplane.embedded;

import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.awaitLinksUp;
import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A kernel port: the switch's net_tap netdev is moved into a pod's network namespace (through the native netlink
 * facade), where ordinary sockets use it. Traffic both ways with a DPDK pod on the same VLAN.
 */
@DataPlane(hugepages = 400, commands = {"dpdk-testpmd", "ip"})
class EmbeddedSwitchKernelPortTest {
    private final String nsName = "fpembk" + ProcessHandle.current().pid();
    private final TestResources resources = new TestResources();
    private Path dir;

    @AfterEach
    void cleanup() throws Exception {
        resources.close();
        if (NetNs.exists(nsName)) {
            NetNs.delete(nsName);
        }
    }

    @Test
    void aKernelPortLivesInThePodNamespaceAndForwardsBothWays() throws Exception {
        dir = resources.dir();
        NetNs.create(nsName).close();
        Path nsPath = NetNs.RUN_DIR.resolve(nsName);
        SwitchProcess sw = resources.startSwitch("kp");
        EmbeddedSwitch client = sw.client();

        String podMac = "02:00:00:00:60:0a";
        TestPmdPod pod = resources.vhostServerPod("p", podMac, "02:00:00:00:60:99", "rxonly");
        client.addPort(new PortSpec.VhostUser("p", dir.resolve("p.sock"), PortSpec.VhostMode.CLIENT, 40, 1));
        PortInfo kernel = client.addPort(new PortSpec.Kernel("k", nsPath, "eth7", 40));
        assertEquals(PortSpec.PortType.KERNEL, kernel.type());
        pod.awaitPrompt();
        pod.command("start");
        awaitLinksUp(client, 2);

        Link eth7;
        try (NetNs ns = NetNs.open(nsPath); Handle h = Handle.open(ns)) {
            eth7 = h.requireLink("eth7");
            assertTrue(eth7.isUp(), "eth7 is up inside the pod namespace");
        }
        try (Handle host = Handle.open()) {
            assertTrue(host.link("eth7").isEmpty() || host.link("eth7").get().index() != eth7.index(), "not in the host namespace");
        }

        // kernel -> switch -> pod: an ARP request (broadcast) for a neighbour on eth7.
        exec("ip", "-n", nsName, "addr", "add", "10.77.0.1/24", "dev", "eth7");
        exec("ip", "netns", "exec", nsName, "bash", "-c", "echo x > /dev/udp/10.77.0.2/9 || true");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pod.stats(0).rxPackets() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(pod.stats(0).rxPackets() > 0, "the pod received the kernel's broadcast");

        // pod -> switch -> kernel: 32 frames to eth7's MAC, counted by the kernel in the pod namespace.
        String mac = eth7.mac().orElseThrow().toString();
        pod.command("stop");
        pod.command("set eth-peer 0 " + mac);
        long before = kernelRxPackets();
        send(pod, 1);
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kernelRxPackets() - before < 32 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(32, kernelRxPackets() - before, "eth7 in the pod namespace received the pod's frames");

        client.removePort("k");
        try (NetNs ns = NetNs.open(nsPath); Handle h = Handle.open(ns)) {
            assertTrue(h.link("eth7").isEmpty(), "removing the port removes its netdev from the pod");
        }
    }

    private long kernelRxPackets() throws Exception {
        String out = exec("ip", "-n", nsName, "-s", "link", "show", "dev", "eth7");
        // "RX:  bytes packets errors ..." then the numbers on the next line
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].trim().startsWith("RX:")) {
                return Long.parseLong(lines[i + 1].trim().split("\\s+")[1]);
            }
        }
        throw new IllegalStateException("no RX counters in: " + out);
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
