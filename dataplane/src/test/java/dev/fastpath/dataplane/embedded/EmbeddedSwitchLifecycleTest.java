package dev.fastpath.dataplane.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ports come and go while two pods stream to each other (testpmd flowgen both ways: it sends continuously and drains what it receives, so traffic needs no action
 * by the pods to resume); bad requests fail clearly without disturbing the stream; a SIGKILLed switch restarts,
 * restores its ports from its port-set file and the pods, vhost-user servers, are reconnected.
 */
@DataPlane(hugepages = 600, commands = {"dpdk-testpmd"})
class EmbeddedSwitchLifecycleTest {
    private static final String A = "02:00:00:00:30:0a";
    private static final String B = "02:00:00:00:30:0b";
    private static final String E = "02:00:00:00:30:0e";

    @RegisterExtension
    final TestResources resources = new TestResources();
    private Path dir;

    @Test
    void portsChangeUnderTrafficBadInputIsRefusedAndARestartedSwitchReconnectsThePods() throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("lc");
        EmbeddedSwitch client = sw.client();

        TestPmdPod b = streamPair(client, "a", A, "b", B, 2);
        awaitFlowing(client, "b");

        // A third pod's port is added and removed while A and B stream.
        TestPmdPod e = pod("e", E, A, "rxonly");
        PortInfo added = client.addPort(vhost("e", 10));
        assertEquals("e", added.name());
        e.awaitPrompt();
        EmbeddedSwitchForwardingTest.awaitLinksUp(client, 3);
        awaitFlowing(client, "b");
        client.removePort("e");
        assertEquals(List.of("a", "b"), client.listPorts().stream().map(PortInfo::name).toList());
        awaitFlowing(client, "b");

        // Bad input: each fails with its reason and a message naming the port/field; A -> B keeps flowing.
        SwitchException dup = assertThrows(SwitchException.class, () -> client.addPort(vhost("a", 10)));
        assertEquals(SwitchException.Reason.DUPLICATE_PORT, dup.reason());
        assertTrue(dup.getMessage().contains("port a"), dup.getMessage());
        SwitchException unknown = assertThrows(SwitchException.class, () -> client.removePort("nope"));
        assertEquals(SwitchException.Reason.UNKNOWN_PORT, unknown.reason());
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        Path longSocket = dir.resolve("x".repeat(110) + ".sock");
        SwitchException tooLong = assertThrows(SwitchException.class, () -> client.addPort(
                new PortSpec.VhostUser("long", longSocket, PortSpec.VhostMode.CLIENT, 10, 1)));
        assertEquals(SwitchException.Reason.INVALID_SPEC, tooLong.reason());
        assertTrue(tooLong.getMessage().contains("socket") && tooLong.getMessage().contains("107"), tooLong.getMessage());
        SwitchException badVlan = assertThrows(SwitchException.class, () -> client.addPort(vhost("v", 5000)));
        assertEquals(SwitchException.Reason.INVALID_SPEC, badVlan.reason());
        SwitchException hotplug = assertThrows(SwitchException.class,
                () -> client.addPort(new PortSpec.Uplink("up", "net_nosuchdriver0")));
        assertEquals(SwitchException.Reason.BACKEND_FAILURE, hotplug.reason());
        assertTrue(hotplug.getMessage().contains("rte_dev_probe(net_nosuchdriver0)"), hotplug.getMessage());
        assertThrows(SwitchException.class, () -> client.port("up"));
        awaitFlowing(client, "b");
        assertTrue(client.health().healthy(), client.health().detail());

        // SIGKILL the switch: the pods lose their peer; a new switch process restores both ports and reconnects.
        sw.kill();
        long bRxBefore = b.stats(0).rxPackets();
        Thread.sleep(500);
        assertTrue(b.stats(0).rxPackets() - bRxBefore < 1000, "nothing forwards while the switch is down");
        sw.start();
        assertEquals(List.of("a", "b"), client.listPorts().stream().map(PortInfo::name).toList());
        EmbeddedSwitchForwardingTest.awaitLinksUp(client, 2);
        awaitFlowing(client, "b");
        long podRx = b.stats(0).rxPackets();
        Thread.sleep(300);
        assertTrue(b.stats(0).rxPackets() > podRx, "pod B receives again, with no action on the pods");
    }

    /**
     * Two PMD threads (cores 0 and 1): A, B stream to each other across PMDs; E (PMD 0) and F (PMD 1) are added
     * and stream to each other, then E is removed while F still transmits towards it from the other PMD, then F.
     * Removal waits for both PMDs' acknowledgement: the switch keeps forwarding and stays healthy.
     */
    @Test
    void portsChangeUnderTrafficWithTwoPmdThreads() throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("l2", "--pmd-cores", "0,1");
        EmbeddedSwitch client = sw.client();
        streamPair(client, "a", A, "b", B, 2);
        awaitFlowing(client, "b");
        awaitFlowing(client, "a");

        String f = "02:00:00:00:30:0f";
        streamPair(client, "e", E, "f", f, 4);
        assertEquals(List.of(List.of("a", "e"), List.of("b", "f")), client.pmds().stream().map(EmbeddedSwitch.Pmd::ports).toList());
        awaitFlowing(client, "e");
        awaitFlowing(client, "f");

        client.removePort("e"); // F, polled by PMD 1, is sending towards E at this moment
        awaitFlowing(client, "b");
        awaitFlowing(client, "a");
        client.removePort("f");
        assertEquals(List.of("a", "b"), client.listPorts().stream().map(PortInfo::name).toList());
        awaitFlowing(client, "b");
        awaitFlowing(client, "a");
        assertTrue(client.health().healthy(), client.health().detail());
        assertEquals(List.of(List.of("a"), List.of("b")), client.pmds().stream().map(EmbeddedSwitch.Pmd::ports).toList());
    }

    /**
     * Two flowgen pods streaming to each other on VLAN 10 through the switch: both ports added, and both pods
     * started only once the switch sees {@code portsUp} links up. Returns the second pod.
     */
    private TestPmdPod streamPair(EmbeddedSwitch client, String first, String firstMac, String second, String secondMac, int portsUp)
            throws Exception {
        TestPmdPod p = pod(first, firstMac, secondMac, "flowgen");
        TestPmdPod q = pod(second, secondMac, firstMac, "flowgen");
        client.addPort(vhost(first, 10));
        client.addPort(vhost(second, 10));
        p.awaitPrompt();
        q.awaitPrompt();
        EmbeddedSwitchForwardingTest.awaitLinksUp(client, portsUp);
        p.command("start");
        q.command("start");
        return q;
    }

    private PortSpec vhost(String name, int vlan) {
        return new PortSpec.VhostUser(name, dir.resolve(name + ".sock"), PortSpec.VhostMode.CLIENT, vlan, 1);
    }

    private TestPmdPod pod(String name, String mac, String peer, String mode) throws Exception {
        return resources.vhostServerPod(name, mac, peer, mode);
    }

    /** The switch's tx counter towards {@code port} grows by at least 1000 packets within 5 s. */
    private static void awaitFlowing(EmbeddedSwitch client, String port) throws InterruptedException {
        long start = client.port(port).stats().txPackets();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.port(port).stats().txPackets() - start < 1000) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no traffic towards " + port + ": " + client.listPorts());
            }
            Thread.sleep(50);
        }
    }
}
