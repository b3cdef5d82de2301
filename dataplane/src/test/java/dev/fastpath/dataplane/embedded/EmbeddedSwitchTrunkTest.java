package dev.fastpath.dataplane.embedded;

import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.awaitLinksUp;
import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.awaitRx;
import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 802.1q trunk uplink, with a testpmd pod standing in for the wire (the uplink is a {@code net_vhost} vdev
 * string connecting to it). Frame lengths prove the tag: testpmd sends 64-byte frames, so 68 bytes on the trunk
 * means a pushed tag and 64 bytes back on an access port means a popped one. The VLAN id is proven by the round
 * trip: a frame the wire reflects comes back only into the VLAN it left.
 */
@DataPlane(hugepages = 700, commands = {"dpdk-testpmd"})
class EmbeddedSwitchTrunkTest {
    @RegisterExtension
    final TestResources resources = new TestResources();
    private Path dir;

    @Test
    void tagsArePushedTowardsTheTrunkAndPoppedFromItWithinTheirVlan() throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("tr");
        EmbeddedSwitch client = sw.client();
        String nobody = "02:00:00:00:99:99";
        TestPmdPod a = pod("a", "02:00:00:00:40:0a", nobody);
        TestPmdPod a2 = pod("a2", "02:00:00:00:40:0b", nobody);
        TestPmdPod d = pod("d", "02:00:00:00:40:0d", nobody);
        TestPmdPod wire = pod("u", "02:00:00:00:40:ff", nobody);
        client.addPort(vhost("a", 10));
        client.addPort(vhost("a2", 10));
        client.addPort(vhost("d", 20));
        client.addPort(new PortSpec.Uplink("uplink", "net_vhostup0,iface=" + dir.resolve("u.sock") + ",client=1"));
        for (TestPmdPod p : List.of(a, a2, d, wire)) {
            p.awaitPrompt();
            p.command("start");
        }
        awaitLinksUp(client, 4);

        // A floods VLAN 10: A2 (untagged, shares the mbuf) and the trunk (its own copy, tagged).
        send(a, 1);
        awaitRx(a2, 32);
        awaitRx(wire, 32);
        TestPmdPod.PortCounters w = wire.stats(0);
        assertEquals(32, w.rxPackets());
        assertEquals(32 * 68, w.rxBytes(), "68-byte frames on the trunk: the 802.1q tag was pushed");
        assertEquals(32 * 64, a2.stats(0).rxBytes(), "64-byte frames on the access port");
        assertEquals(0, d.stats(0).rxPackets(), "VLAN 20 saw nothing of VLAN 10");

        // The wire now reflects what it gets: D's flood leaves tagged with VLAN 20 and comes back into VLAN 20 only.
        wire.command("stop");
        wire.command("set fwd io");
        wire.command("start");
        send(d, 1);
        awaitRx(d, 32);
        Thread.sleep(300);
        TestPmdPod.PortCounters ds = d.stats(0);
        assertEquals(32, ds.rxPackets(), "D got its own frames back from the trunk");
        assertEquals(32 * 64, ds.rxBytes(), "the tag was popped on the way in");
        assertEquals(0, a.stats(0).rxPackets(), "nothing leaked into VLAN 10");
        assertEquals(32, a2.stats(0).rxPackets(), "nothing leaked into VLAN 10");
        PortInfo up = client.port("uplink");
        assertEquals(32 + 32, up.stats().txPackets());
        assertEquals(32, up.stats().rxPackets());
        assertEquals(32 * 68, up.stats().rxBytes());
    }

    private PortSpec vhost(String name, int vlan) {
        return new PortSpec.VhostUser(name, dir.resolve(name + ".sock"), PortSpec.VhostMode.CLIENT, vlan, 1);
    }

    private TestPmdPod pod(String name, String mac, String peer) throws Exception {
        return resources.vhostServerPod(name, mac, peer, "rxonly");
    }
}
