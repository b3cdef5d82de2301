package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.ovs.OvsSwitch;
import dev.fastpath.dataplane.ovs.OvsSwitchConfig;
import dev.fastpath.dataplane.testing.PrivateOvs;
import dev.fastpath.dataplane.testing.TestPmdPod;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a node whose {@code NodePolicy.switch.backend} is {@code ovs}: vhost-user attachments become ports of
 * a real Open vSwitch with DPDK (a private ovsdb-server and ovs-vswitchd-dpdk, PMD on CPU 1) through the real shim,
 * and two testpmd pods (CPU 0) pass packets through it. Before OVS runs, an ADD asks the runtime to try again later,
 * naming OVSDB's socket, and leaves nothing behind. Run under {@code flock /tmp/fastpath-dataplane.lock}.
 */
@Privileged
@DataPlane(hugepages = 768, commands = {PrivateOvs.VSWITCHD, "dpdk-testpmd", "ovsdb-server", "ovsdb-tool"})
class VhostUserOnOvsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BRIDGE = "fpcni0";
    private static final String MAC_A = "02:00:00:00:62:0a";
    private static final String MAC_B = "02:00:00:00:62:0b";
    private static final int POD_CPU = 0;

    @TempDir Path tmp;
    AgentHarness agent;
    PrivateOvs ovs;
    String ovsPrefix;
    final List<TestPmdPod> pods = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (TestPmdPod pod : pods) pod.close();
        if (agent != null) agent.close();
        if (ovs != null) ovs.close();
    }

    String config(String attachment) {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "ovs-net").put("type", "fastpath").put("attachment", attachment).put("vlan", 40);
        if (attachment.equals("vhost-user")) c.putObject("vhostUser").put("mode", "server").put("queues", 1);
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.77.0.0/24");
        return c.toString();
    }

    ShimRunner.Outcome run(String command, String container, String podUid, String netns, String config) {
        return agent.shim.run(command, container, netns, "net1", AgentHarness.CNI_PATH, ShimRunner.podArgs(container, podUid), config);
    }

    @Test
    void podsOnOneVlanPassTrafficThroughOpenVswitch() throws Exception {
        Path ovsDir = Files.createDirectories(tmp.resolve("ovs"));
        agent = new AgentHarness(tmp).withOvs(ovsDir.resolve("run/db.sock"), BRIDGE).start();
        String nsA = agent.netns("a");
        String nsB = agent.netns("b");
        String uidA = "7a1c6a5e-2222-4a8e-9c1d-00000000000a";
        String uidB = "7a1c6a5e-2222-4a8e-9c1d-00000000000b";

        // The agent is up before Open vSwitch: try again later, naming what it could not reach, and nothing kept.
        ShimRunner.Outcome early = run("ADD", "ctr-a", uidA, nsA, config("vhost-user"));
        assertEquals(11, early.code(), early.toString());
        assertTrue(early.json().get("msg").asText().contains("Open vSwitch at its OVSDB socket " + ovsDir.resolve("run/db.sock")), early.toString());
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.allocatedIps("ovs-net"));

        ovs = PrivateOvs.startDatabase(ovsDir);
        ovsPrefix = TestPmdPod.uniquePrefix("cniovs");
        ovs.startVswitchd(ovsPrefix, 0, 1, 512);
        assertEquals(ovsDir.resolve("run/db.sock"), ovs.dbSocket());

        ShimRunner.Outcome addA = run("ADD", "ctr-a", uidA, nsA, config("vhost-user"));
        assertEquals(0, addA.exit(), addA.toString());
        ShimRunner.Outcome addB = run("ADD", "ctr-b", uidB, nsB, config("vhost-user"));
        assertEquals(0, addB.exit(), addB.toString());
        Path sockA = Path.of(addA.json().at("/interfaces/0/socketPath").asText());
        Path sockB = Path.of(addB.json().at("/interfaces/0/socketPath").asText());
        assertEquals(agent.config.socketsRoot().resolve(uidA).resolve("net1.sock"), sockA);

        // Open vSwitch has no kernel ports: refused naming the type, nothing left.
        ShimRunner.Outcome kernel = run("ADD", "ctr-k", uidB, nsB, config("kernel"));
        assertEquals(7, kernel.code(), kernel.toString());
        assertTrue(kernel.json().get("msg").asText().contains("KERNEL"), kernel.toString());
        assertEquals(2, agent.checkpointEntries().size());

        try (OvsSwitch view = OvsSwitch.open(OvsSwitchConfig.of(ovs.dbSocket(), BRIDGE))) {
            List<PortInfo> ports = view.listPorts();
            assertEquals(2, ports.size(), ports.toString());
            assertEquals(List.of(sockA.toString(), sockB.toString()), ports.stream().map(PortInfo::socket).sorted().toList());
            ports.forEach(p -> assertEquals(40, p.vlan(), p.toString()));

            TestPmdPod podA = TestPmdPod.vhostServer("oa", sockA, MAC_A, POD_CPU);
            pods.add(podA);
            TestPmdPod podB = TestPmdPod.vhostServer("ob", sockB, MAC_B, POD_CPU);
            pods.add(podB);
            podA.awaitReady();
            podB.awaitReady();
            SwitchFixture.await(() -> podA.linkUp(0) && podB.linkUp(0), Duration.ofSeconds(30), "pod links up (OVS connected)");
            // A pod sees its link up when OVS connects, which can be before OVS's PMD polls the new port: send a burst
            // of 32 (flooded on VLAN 40, B being unknown, so only B gets it) until one arrives.
            long received = 0;
            for (int i = 0; i < 20 && received == 0; i++) {
                podA.sendBurst(MAC_B, 1);
                long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                while ((received = podB.stats(0).rxPackets()) == 0 && System.nanoTime() < deadline) Thread.sleep(50);
            }
            Thread.sleep(300);
            received = podB.stats(0).rxPackets();
            assertTrue(received > 0 && received % 32 == 0, "pod b received whole bursts from pod a: " + received);
            assertEquals(0, podA.stats(0).rxPackets(), "nothing comes back to the sender");

            for (TestPmdPod pod : pods) pod.close();
            pods.clear();
            assertEquals(0, run("DEL", "ctr-a", uidA, nsA, config("vhost-user")).exit());
            assertEquals(0, run("DEL", "ctr-b", uidB, nsB, config("vhost-user")).exit());
            assertEquals(List.of(), view.listPorts());
        }
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.allocatedIps("ovs-net"));
        assertEquals(List.of(), agent.deviceInfoFiles());
        assertEquals(0, run("DEL", "ctr-b", uidB, nsB, config("vhost-user")).exit(), "repeated DEL");
    }
}
