package dev.fastpath.dataplane.embedded;

import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.awaitLinksUp;
import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.awaitRx;
import static dev.fastpath.dataplane.embedded.EmbeddedSwitchForwardingTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.dataplane.testing.TestPmdPod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The other pod-facing port types: a memif port (the switch is the memif server, the pod a net_memif client) and a
 * vhost-user port in server mode (the switch owns the socket, the pod's virtio-user connects as client).
 */
@DataPlane(hugepages = 600, commands = {"dpdk-testpmd"})
class EmbeddedSwitchPortTypesTest {
    private static final String M = "02:00:00:00:50:0a";
    private static final String S = "02:00:00:00:50:0b";

    @RegisterExtension
    final TestResources resources = new TestResources();
    private Path dir;

    @Test
    void memifAndServerModeVhostPortsForwardToEachOther() throws Exception {
        dir = resources.dir();
        SwitchProcess sw = resources.startSwitch("pt");
        EmbeddedSwitch client = sw.client();
        PortInfo memif = client.addPort(new PortSpec.Memif("m", dir.resolve("m.sock"), PortSpec.MemifRole.SERVER, 30));
        PortInfo vhost = client.addPort(new PortSpec.VhostUser("s", dir.resolve("s.sock"), PortSpec.VhostMode.SERVER, 30, 1));
        assertEquals(PortSpec.PortType.MEMIF, memif.type());
        assertEquals(dir.resolve("s.sock").toString(), vhost.socket());

        TestPmdPod m = TestPmdPod.forwarding("m", 1, "net_memif0,role=client,socket=" + dir.resolve("m.sock")
                + ",socket-abstract=no,id=0,mac=" + M, S, "rxonly");
        resources.add(m);
        TestPmdPod s = TestPmdPod.forwarding("s", 1, "net_virtio_user0,path=" + dir.resolve("s.sock") + ",mac=" + S, M, "rxonly");
        resources.add(s);
        m.awaitPrompt();
        s.awaitPrompt();
        awaitLinksUp(client, 2);
        m.command("start");
        s.command("start");

        send(m, 1); // S unknown: flooded to S
        awaitRx(s, 32);
        send(s, 2); // M learned: unicast
        awaitRx(m, 64);
        Thread.sleep(300);
        assertEquals(64, m.stats(0).rxPackets());
        assertEquals(32, s.stats(0).rxPackets());
        assertEquals(32, client.port("m").stats().rxPackets());
        assertEquals(64, client.port("m").stats().txPackets());
        assertEquals(64, client.port("s").stats().rxPackets());
        assertEquals(32, client.port("s").stats().txPackets());

        // After a crash the server sockets are left behind: a restarted switch replaces them and restores both ports.
        sw.kill();
        sw.start();
        assertEquals(List.of("m", "s"), client.listPorts().stream().map(PortInfo::name).toList());
        assertTrue(Files.exists(dir.resolve("s.sock")) && Files.exists(dir.resolve("m.sock")));
    }
}
