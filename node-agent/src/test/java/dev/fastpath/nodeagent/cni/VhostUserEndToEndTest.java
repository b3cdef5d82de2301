package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.dataplane.testing.TestPmdPod;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vhost-user end to end: the real fastpath-switch process (PMD pinned to CPU 0, --no-pci, in memory), the agent's
 * CNI server in this JVM wired to it, the real shim process for ADD/DEL, host-local IPAM, and two testpmd pods
 * (pinned to CPU 1) that open the sockets the ADD results name (pod a as vhost-user server, pod b as client) and
 * pass packets through the switch.
 * Run under {@code flock /tmp/fastpath-dataplane.lock}.
 */
@Privileged
@DataPlane(hugepages = 400, commands = {"dpdk-testpmd"})
class VhostUserEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAC_A = "02:00:00:00:61:0a";
    private static final String MAC_B = "02:00:00:00:61:0b";

    @TempDir Path tmp;
    AgentHarness agent;
    SwitchFixture switchProcess;
    final List<TestPmdPod> pods = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (TestPmdPod pod : pods) pod.close();
        if (switchProcess != null) switchProcess.close();
        agent.close();
    }

    String config(Integer vlan) {
        return config(vlan, "server");
    }

    /** {@code mode} is the workload's vhost-user role. */
    String config(Integer vlan, String mode) {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "vhost-net").put("type", "fastpath").put("attachment", "vhost-user");
        if (vlan != null) c.put("vlan", vlan);
        c.putObject("vhostUser").put("mode", mode).put("queues", 1);
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.78.0.0/24").put("rangeStart", "10.78.0.10")
                .put("rangeEnd", "10.78.0.20");
        return c.toString();
    }

    ShimRunner.Outcome run(String command, String container, String podUid, String netns, String config) {
        return run(command, container, podUid, netns, config, "net1");
    }

    ShimRunner.Outcome run(String command, String container, String podUid, String netns, String config, String ifname) {
        return agent.shim.run(command, container, netns, ifname, AgentHarness.CNI_PATH, ShimRunner.podArgs(container, podUid), config);
    }

    @Test
    void twoPodsOnOneVlanPassTrafficThroughTheSwitchAndDelRemovesEverything() throws Exception {
        switchProcess = new SwitchFixture(agent.config.switchEndpoint());
        EmbeddedSwitch sw = switchProcess.start();
        String nsA = agent.netns("a");
        String nsB = agent.netns("b");
        String uidA = "0d1c6a5e-1111-4a8e-9c1d-00000000000a";
        String uidB = "0d1c6a5e-1111-4a8e-9c1d-00000000000b";

        ShimRunner.Outcome addA = run("ADD", "ctr-a", uidA, nsA, config(30));
        assertEquals(0, addA.exit(), addA.toString());
        // Pod b's app is a vhost-user CLIENT: the switch serves its socket.
        ShimRunner.Outcome addB = run("ADD", "ctr-b", uidB, nsB, config(30, "client"));
        assertEquals(0, addB.exit(), addB.toString());
        // A second sandbox of pod a (same UID and ifname) before the first one's DEL: its socket is taken.
        ShimRunner.Outcome sameSocket = run("ADD", "ctr-a2", uidA, nsA, config(30));
        assertEquals(11, sameSocket.code(), sameSocket.toString());
        assertTrue(sameSocket.json().get("msg").asText().contains("net1.sock"), sameSocket.toString());
        Path sockA = Path.of(addA.json().at("/interfaces/0/socketPath").asText());
        Path sockB = Path.of(addB.json().at("/interfaces/0/socketPath").asText());
        assertEquals(agent.config.socketsRoot().resolve(uidA).resolve("net1.sock"), sockA);
        assertEquals(agent.config.socketsRoot().resolve(uidB).resolve("net1.sock"), sockB);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sockA.getParent())));
        assertEquals("10.78.0.10/24", addA.json().at("/ips/0/address").asText());
        assertEquals("10.78.0.11/24", addB.json().at("/ips/0/address").asText());
        assertEquals(List.of("10.78.0.10", "10.78.0.11"), agent.allocatedIps("vhost-net"));
        // IPAM is reported, not configured: no netdev appears in the pod namespace.
        assertFalse(AgentHarness.ip("netns", "exec", Path.of(nsA).getFileName().toString(), "ip", "-o", "link").contains("net1"));

        JsonNode info = JSON.readTree(agent.config.deviceInfoDir().resolve("vhost-net-ctr-a-net1-device-info.json").toFile());
        assertEquals("vhost-user", info.get("type").asText());
        assertEquals("server", info.at("/vhost-user/mode").asText());
        assertEquals(sockA.toString(), info.at("/vhost-user/path").asText());

        List<PortInfo> ports = sw.listPorts();
        assertEquals(2, ports.size(), ports.toString());
        for (PortInfo p : ports) {
            assertEquals(PortSpec.PortType.VHOST_USER, p.type());
            assertEquals(30, p.vlan());
        }
        assertEquals(List.of(sockA.toString(), sockB.toString()), ports.stream().map(PortInfo::socket).sorted().toList());
        assertFalse(Files.exists(sockA), "workload-server mode: pod a's app creates its socket, not the switch");
        assertTrue(Files.exists(sockB), "workload-client mode: the switch listens on pod b's socket");
        JsonNode infoB = JSON.readTree(agent.config.deviceInfoDir().resolve("vhost-net-ctr-b-net1-device-info.json").toFile());
        assertEquals("client", infoB.at("/vhost-user/mode").asText());
        assertEquals(2, agent.checkpointEntries().size());

        ObjectNode check = (ObjectNode) JSON.readTree(config(30));
        check.set("prevResult", addA.json());
        ShimRunner.Outcome checked = run("CHECK", "ctr-a", uidA, nsA, check.toString());
        assertEquals(0, checked.exit(), checked.toString());

        // The pods' DPDK apps on the sockets their ADD results named: a is virtio-user server=1, b a plain client.
        TestPmdPod podA = TestPmdPod.vhostServer("a", sockA, MAC_A, 1);
        pods.add(podA);
        TestPmdPod podB = TestPmdPod.launch("b", 1, List.of("--vdev", "net_virtio_user0,path=" + sockB + ",mac=" + MAC_B),
                List.of("--forward-mode=rxonly"));
        pods.add(podB);
        podA.awaitReady();
        podB.awaitReady();
        SwitchFixture.await(() -> sw.listPorts().stream().allMatch(p -> p.link() == PortInfo.LinkState.UP), Duration.ofSeconds(20), "switch ports up");

        podA.sendBurst(MAC_B, 2); // 2 x 32 frames to B
        SwitchFixture.await(() -> podB.stats(0).rxPackets() >= 64, Duration.ofSeconds(10), "pod b receiving");
        Thread.sleep(300);
        assertEquals(64, podA.stats(0).txPackets());
        assertEquals(64, podB.stats(0).rxPackets());
        assertEquals(0, podA.stats(0).rxPackets(), "nothing comes back to the sender");

        for (TestPmdPod pod : pods) pod.close();
        pods.clear();

        assertEquals(0, run("DEL", "ctr-a", uidA, nsA, config(30)).exit());
        assertEquals(1, sw.listPorts().size());
        ShimRunner.Outcome delB = run("DEL", "ctr-b", uidB, nsB, config(30, "client"));
        assertEquals(0, delB.exit(), delB.toString());
        assertEquals(List.of(), sw.listPorts());
        assertFalse(Files.exists(sockA), "socket of pod a left");
        assertFalse(Files.exists(sockB.getParent()), "socket dir of pod b left");
        assertEquals(List.of(), agent.allocatedIps("vhost-net"));
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
        ShimRunner.Outcome again = run("DEL", "ctr-b", uidB, nsB, config(30));
        assertEquals(0, again.exit(), "repeated DEL: " + again);
        ShimRunner.Outcome checkGone = run("CHECK", "ctr-a", uidA, nsA, check.toString());
        assertEquals(100, checkGone.code(), checkGone.toString());

        // Two interfaces of one pod share its directory, empty until the pod's app makes its sockets: removing one
        // interface keeps the directory for the other.
        assertEquals(0, run("ADD", "ctr-f", uidA, nsA, config(30), "net1").exit());
        assertEquals(0, run("ADD", "ctr-f", uidA, nsA, config(30), "net2").exit());
        assertEquals(0, run("DEL", "ctr-f", uidA, nsA, config(30), "net2").exit());
        assertTrue(Files.isDirectory(sockA.getParent()), "pod a's directory kept for net1");
        assertEquals(0, run("DEL", "ctr-f", uidA, nsA, config(30), "net1").exit());
        assertFalse(Files.exists(sockA.getParent()));
        assertEquals(List.of(), sw.listPorts());

        // An agent that died after adding the port but before answering leaves the entry in state "adding" (the
        // same bytes as here, but for the state): the next agent start rolls the port, socket dir and address back.
        ShimRunner.Outcome addE = run("ADD", "ctr-e", uidB, nsB, config(30));
        assertEquals(0, addE.exit(), addE.toString());
        assertEquals(1, sw.listPorts().size());
        Path entry = agent.checkpointEntries().getFirst();
        ObjectNode halfDone = (ObjectNode) JSON.readTree(entry.toFile());
        halfDone.put("state", "adding");
        Files.writeString(entry, halfDone.toString());
        agent.restart();
        assertEquals(List.of(), sw.listPorts(), "port rolled back on agent start");
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.allocatedIps("vhost-net"));
        assertFalse(Files.exists(sockB.getParent()), "socket dir rolled back");

        // With the switch gone, DEL still cleans what it can (addresses, socket dir, device-info, checkpoint).
        ShimRunner.Outcome addC = run("ADD", "ctr-c", uidA, nsA, config(30));
        assertEquals(0, addC.exit(), addC.toString());
        switchProcess.close();
        ShimRunner.Outcome delC = run("DEL", "ctr-c", uidA, nsA, config(30));
        assertEquals(0, delC.exit(), delC.toString());
        assertEquals(List.of(), agent.allocatedIps("vhost-net"));
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
        assertFalse(Files.exists(sockA.getParent()));
        ShimRunner.Outcome addDown = run("ADD", "ctr-d", uidB, nsB, config(30));
        assertEquals(11, addDown.code(), addDown.toString());
        assertTrue(addDown.json().get("msg").asText().contains(agent.config.switchEndpoint().toString()), addDown.toString());
        assertEquals(List.of(), agent.checkpointEntries());

        // The switch restarts with the port of ctr-c (it persists its ports); the next agent start removes it,
        // as no checkpoint entry names it.
        EmbeddedSwitch restarted = switchProcess.start();
        assertEquals(1, restarted.listPorts().size(), "the switch restored the port DEL could not remove");
        agent.restart();
        assertEquals(List.of(), restarted.listPorts(), "orphan port removed at agent start");
    }
}
