package dev.fastpath.dataplane.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four testpmd pods on the real fastpath-switch: A, B, C on VLAN 10 and D on VLAN 20. Every pod polls in rxonly
 * mode and sends exact numbers of packets with {@code start tx_first N} (N bursts of 32 to its peer MAC), so the
 * counts each pod must receive follow from flooding, learning and VLAN isolation alone.
 */
@DataPlane(hugepages = 700, commands = {"dpdk-testpmd"})
class EmbeddedSwitchForwardingTest {
    private static final String A = "02:00:00:00:10:0a";
    private static final String B = "02:00:00:00:10:0b";
    private static final String C = "02:00:00:00:10:0c";
    private static final String D = "02:00:00:00:20:0d";

    @RegisterExtension
    final TestResources resources = new TestResources();
    private Path dir;

    @Test
    void floodsLearnsAndIsolatesVlansWithCountersMatchingThePods() throws Exception {
        floodLearnIsolate("--pmd-core", "0");
    }

    /**
     * The same exchange with two PMD threads (cores 0 and 1): ports are split between them, so every step crosses
     * PMDs (rx on one, tx by the other under the port's tx lock, MAC learned by one and looked up by the other),
     * and counts stay exact.
     */
    @Test
    void twoPmdThreadsForwardExactlyTheSame() throws Exception {
        EmbeddedSwitch client = floodLearnIsolate("--pmd-cores", "0,1");
        List<EmbeddedSwitch.Pmd> pmds = client.pmds();
        assertEquals(List.of(0, 1), pmds.stream().map(EmbeddedSwitch.Pmd::core).toList());
        assertEquals(List.of("a", "c"), pmds.get(0).ports(), "ports go to the least-loaded PMD, in order of addition");
        assertEquals(List.of("b", "d"), pmds.get(1).ports());
        // what each PMD received is what its ports' pods sent (every frame of the test was received by the switch)
        Map<String, PortInfo> ports = client.listPorts().stream().collect(Collectors.toMap(PortInfo::name, p -> p));
        for (EmbeddedSwitch.Pmd pmd : pmds) {
            long rx = pmd.ports().stream().mapToLong(n -> ports.get(n).stats().rxPackets()).sum();
            assertEquals(rx, pmd.packets(), "packets received by the PMD on core " + pmd.core());
            assertTrue(pmd.packets() > 0, "PMD on core " + pmd.core() + " forwarded");
        }
        long[] total = client.pmdStats();
        assertEquals(pmds.stream().mapToLong(EmbeddedSwitch.Pmd::packets).sum(), total[1], "totals are the PMDs' sum");
    }

    /**
     * Two PMDs and a port with a tx queue per PMD (a net_ring uplink; its tx queue i is its rx ring i): B's frames
     * to an unknown MAC are flooded by PMD 1, which sends the trunk's tagged copies on the uplink's tx queue 1,
     * without the port lock; vhost-user ports (one queue pair) get one tx queue, shared under the lock.
     */
    @Test
    void aPmdTransmitsOnItsOwnTxQueueWhereThePortHasOne() throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("tq", "--pmd-cores", "0,1");
        EmbeddedSwitch client = sw.client();
        TestPmdPod a = pod("a", A, B);
        TestPmdPod b = pod("b", B, "02:00:00:00:10:99"); // nobody has this MAC: flooded
        client.addPort(new PortSpec.VhostUser("a", dir.resolve("a.sock"), PortSpec.VhostMode.CLIENT, 10, 1));
        client.addPort(new PortSpec.VhostUser("b", dir.resolve("b.sock"), PortSpec.VhostMode.CLIENT, 10, 1));
        client.addPort(new PortSpec.Uplink("up", "net_ring" + ProcessHandle.current().pid() % 1000));
        a.awaitPrompt();
        b.awaitPrompt();
        awaitLinksUp(client, 3);
        a.command("start");
        b.command("start");
        assertEquals(List.of(List.of("a", "up"), List.of("b")), client.pmds().stream().map(EmbeddedSwitch.Pmd::ports).toList());
        String out = sw.output();
        assertTrue(out.contains("port up added as ethdev") && out.contains("2 tx queues, rx polled by the PMD on core 0"), out);
        assertTrue(out.contains("port b added as ethdev") && out.contains("1 tx queue, rx polled by the PMD on core 1"), out);

        send(b, 1);
        awaitRx(a, 32);
        Thread.sleep(300);
        PortInfo up = client.port("up");
        assertEquals(32, up.stats().txPackets(), "tagged copies sent on the uplink by PMD 1");
        assertEquals(32 * (64 + 4), up.stats().txBytes(), "64-byte frames plus the 802.1q tag");
        assertEquals(0, up.stats().txDrops());
        assertEquals(0, up.stats().rxPackets(), "queue 1's ring is not polled: nothing came back on queue 0");
        assertEquals(32, a.stats(0).rxPackets(), "A got the flood");
    }

    private EmbeddedSwitch floodLearnIsolate(String... switchArgs) throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("sw", switchArgs);
        EmbeddedSwitch client = sw.client();

        TestPmdPod a = pod("a", A, B);
        TestPmdPod b = pod("b", B, A);
        TestPmdPod c = pod("c", C, A);
        TestPmdPod d = pod("d", D, A);
        client.addPort(new PortSpec.VhostUser("a", dir.resolve("a.sock"), PortSpec.VhostMode.CLIENT, 10, 1));
        client.addPort(new PortSpec.VhostUser("b", dir.resolve("b.sock"), PortSpec.VhostMode.CLIENT, 10, 1));
        client.addPort(new PortSpec.VhostUser("c", dir.resolve("c.sock"), PortSpec.VhostMode.CLIENT, 10, 1));
        client.addPort(new PortSpec.VhostUser("d", dir.resolve("d.sock"), PortSpec.VhostMode.CLIENT, 20, 1));
        for (TestPmdPod p : List.of(a, b, c, d)) {
            p.awaitPrompt();
        }
        awaitLinksUp(client, 4);
        for (TestPmdPod p : List.of(a, b, c, d)) {
            p.command("start");
        }

        // 1. B -> A, A unknown: flooded to A and C (VLAN 10), never to D (VLAN 20). The switch learns B.
        send(b, 1);
        awaitRx(a, 32);
        awaitRx(c, 32);
        // 2. A -> B, B learned: only B receives.
        send(a, 2);
        awaitRx(b, 64);
        // 3. D -> A on VLAN 20: A is not known there and D is alone in VLAN 20: nobody receives.
        send(d, 1);
        // 4. C -> A, A learned in step 2: only A receives.
        send(c, 1);
        awaitRx(a, 64);
        Thread.sleep(500);

        Map<String, TestPmdPod.PortCounters> pods = Map.of("a", a.stats(0), "b", b.stats(0), "c", c.stats(0), "d", d.stats(0));
        assertEquals(64, pods.get("a").rxPackets(), "A receives B's flood and C's unicast");
        assertEquals(64, pods.get("b").rxPackets(), "B receives A's unicast");
        assertEquals(32, pods.get("c").rxPackets(), "C receives only the flood of step 1, not A->B unicast after learning");
        assertEquals(0, pods.get("d").rxPackets(), "D on VLAN 20 receives nothing from VLAN 10");
        assertEquals(32, pods.get("d").txPackets(), "D did send");

        // The switch's counters match what the pods counted: switch rx = pod tx, switch tx = pod rx.
        Map<String, PortInfo> ports = client.listPorts().stream().collect(Collectors.toMap(PortInfo::name, p -> p));
        for (var e : pods.entrySet()) {
            PortInfo p = ports.get(e.getKey());
            TestPmdPod.PortCounters pod = e.getValue();
            assertEquals(pod.txPackets(), p.stats().rxPackets(), "switch rx packets of " + e.getKey());
            assertEquals(pod.rxPackets(), p.stats().txPackets(), "switch tx packets of " + e.getKey());
            assertEquals(pod.txBytes(), p.stats().rxBytes(), "switch rx bytes of " + e.getKey());
            assertEquals(pod.rxBytes(), p.stats().txBytes(), "switch tx bytes of " + e.getKey());
            assertEquals(0, p.stats().txDrops(), "tx drops of " + e.getKey());
        }
        return client;
    }

    private TestPmdPod pod(String name, String mac, String peer) throws Exception {
        return resources.vhostServerPod(name, mac, peer, "rxonly");
    }

    /** Sends {@code bursts} x 32 packets to the pod's peer MAC, then goes back to rxonly. */
    static void send(TestPmdPod pod, int bursts) throws Exception {
        pod.command("stop");
        pod.command("start tx_first " + bursts);
    }

    static void awaitRx(TestPmdPod pod, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long rx;
        while ((rx = pod.stats(0).rxPackets()) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pod " + pod.name() + " received " + rx + " packets, expected " + atLeast);
            }
            Thread.sleep(100);
        }
    }

    static void awaitLinksUp(EmbeddedSwitch client, int ports) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.listPorts().stream().filter(p -> p.link() == PortInfo.LinkState.UP).count() < ports) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("links not up: " + client.listPorts());
            }
            Thread.sleep(100);
        }
    }
}
