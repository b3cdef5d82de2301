package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.testkit.DataPlane;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernel end to end: the real fastpath-switch, the agent's CNI server wired to it, the real shim; each pod gets a
 * switch port as a netdev in its namespace with host-local's address and route, and the two pods exchange UDP datagrams
 * through the switch. DEL removes the ports (and so the netdevs) and releases the addresses.
 * Run under {@code flock /tmp/fastpath-dataplane.lock}.
 */
@Privileged
@DataPlane(hugepages = 200, commands = {"ip", "python3"})
class KernelPortEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;
    SwitchFixture switchProcess;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (switchProcess != null) switchProcess.close();
        agent.close();
    }

    String config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "kernel-net").put("type", "fastpath").put("attachment", "kernel").put("vlan", 40).put("mtu", 1400);
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.79.0.0/24").put("rangeStart", "10.79.0.10")
                .put("rangeEnd", "10.79.0.20").put("gateway", "10.79.0.1");
        ipam.putArray("routes").addObject().put("dst", "192.168.79.0/24");
        return c.toString();
    }

    ShimRunner.Outcome run(String command, String container, String netns, String config) {
        return agent.shim.run(command, container, netns, "eth1", AgentHarness.CNI_PATH, config);
    }

    /** Pod b: answers one datagram on 10.79.0.11:9999 with its bytes reversed. */
    private static final String ECHO_SERVER = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("10.79.0.11", 9999))
            s.settimeout(20)
            while True:
                d, a = s.recvfrom(100)
                s.sendto(d[::-1], a)
            """;

    /** Pod a: sends "hello" to pod b until a reply comes (the server may still be starting), prints it. */
    private static final String ECHO_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(0.5)
            for _ in range(20):
                s.sendto(b"hello", ("10.79.0.11", 9999))
                try:
                    d, a = s.recvfrom(100)
                    print("reply from %s: %s" % (a[0], d.decode()))
                    sys.exit(0)
                except socket.timeout:
                    pass
            print("no reply")
            sys.exit(1)
            """;

    static String name(String netnsPath) {
        return Path.of(netnsPath).getFileName().toString();
    }

    @Test
    void twoPodsGetNetdevsWithAddressesAndPingEachOtherThroughTheSwitch() throws Exception {
        switchProcess = new SwitchFixture(agent.config.switchEndpoint());
        EmbeddedSwitch sw = switchProcess.start();
        String nsA = agent.netns("ka");
        String nsB = agent.netns("kb");

        ShimRunner.Outcome addA = run("ADD", "kctr-a", nsA, config());
        assertEquals(0, addA.exit(), addA.toString());
        ShimRunner.Outcome addB = run("ADD", "kctr-b", nsB, config());
        assertEquals(0, addB.exit(), addB.toString());
        assertEquals("eth1", addA.json().at("/interfaces/0/name").asText());
        assertEquals(1400, addA.json().at("/interfaces/0/mtu").asInt());
        assertEquals(nsA, addA.json().at("/interfaces/0/sandbox").asText());
        assertTrue(addA.json().at("/interfaces/0/socketPath").isMissingNode());

        String linkA = AgentHarness.ip("-n", name(nsA), "-o", "addr", "show", "dev", "eth1");
        assertTrue(linkA.contains("10.79.0.10/24"), linkA);
        String routesA = AgentHarness.ip("-n", name(nsA), "route", "show", "dev", "eth1");
        assertTrue(routesA.contains("192.168.79.0/24 via 10.79.0.1"), routesA);
        assertTrue(AgentHarness.ip("-n", name(nsB), "link", "show", "eth1").contains("mtu 1400"));

        List<PortInfo> ports = sw.listPorts();
        assertEquals(2, ports.size(), ports.toString());
        assertTrue(ports.stream().allMatch(p -> p.type() == PortSpec.PortType.KERNEL && p.vlan() == 40), ports.toString());

        ObjectNode check = (ObjectNode) JSON.readTree(config());
        check.set("prevResult", addB.json());
        ShimRunner.Outcome checked = run("CHECK", "kctr-b", nsB, check.toString());
        assertEquals(0, checked.exit(), checked.toString());

        // pod a -> switch (VLAN 40) -> pod b and back: ARP floods, then a UDP datagram each way (kernel sockets).
        Process echo = new ProcessBuilder("ip", "netns", "exec", name(nsB), "python3", "-c", ECHO_SERVER).redirectErrorStream(true).start();
        try {
            Process client = new ProcessBuilder("ip", "netns", "exec", name(nsA), "python3", "-c", ECHO_CLIENT).redirectErrorStream(true).start();
            String reply = new String(client.getInputStream().readAllBytes()).trim();
            assertEquals(0, client.waitFor(), "UDP through the switch: " + reply);
            assertEquals("reply from 10.79.0.11: olleh", reply);
        } finally {
            echo.destroyForcibly().waitFor();
        }

        for (String[] pod : new String[][] {{"kctr-a", nsA}, {"kctr-b", nsB}}) {
            ShimRunner.Outcome del = run("DEL", pod[0], pod[1], config());
            assertEquals(0, del.exit(), del.toString());
            assertFalse(AgentHarness.ipQuiet("-n", name(pod[1]), "link", "show", "eth1"), "eth1 left in " + pod[1]);
        }
        assertEquals(List.of(), sw.listPorts());
        assertEquals(List.of(), agent.allocatedIps("kernel-net"));
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
        assertEquals(0, run("DEL", "kctr-a", nsA, config()).exit(), "repeated DEL");
    }
}
