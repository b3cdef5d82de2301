package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sriov end to end with emulated VFs: each "VF" netdev is a real veth end in the host, linked from the fake
 * sysfs tree; the real shim, the agent, a real pod namespace and host-local IPAM. iproute2 is the witness.
 */
@Privileged
class SriovNetdevEndToEndTest {
    static final String PF = "0000:05:00.0";
    static final String VF0 = "0000:05:02.0";
    static final String VF1 = "0000:05:02.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;
    String vf0;
    String vf1;
    String pf;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp);
        pf = agent.prefix + "pf";
        vf0 = agent.prefix + "v0";
        vf1 = agent.prefix + "v1";
        agent.veth(pf, agent.prefix + "pfp");
        agent.veth(vf0, agent.prefix + "v0p");
        agent.veth(vf1, agent.prefix + "v1p");
        AgentHarness.ip("link", "set", vf0, "address", "02:11:00:00:00:a0", "mtu", "1500");
        agent.sysfs.addPf(PF, pf, 8);
        agent.sysfs.addVf(PF, 0, VF0, "iavf", vf0);
        agent.sysfs.addVf(PF, 1, VF1, "iavf", vf1);
        agent.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
    }

    String config(String deviceId, String mac) {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "sriov-net").put("type", "fastpath").put("attachment", "sriov").put("pool", "intel-a").put("mtu", 1400);
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.78.0.0/24").put("rangeStart", "10.78.0.10")
                .put("rangeEnd", "10.78.0.20").put("gateway", "10.78.0.1");
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        ((com.fasterxml.jackson.databind.node.ArrayNode) ipam.get("routes")).addObject().put("dst", "192.168.60.0/24").put("gw", "10.78.0.254");
        ObjectNode rc = c.putObject("runtimeConfig").put("deviceID", deviceId);
        if (mac != null) rc.put("mac", mac);
        return c.toString();
    }

    static JsonNode ipJson(String... args) throws Exception {
        return JSON.readTree(AgentHarness.ip(args));
    }

    void assertNothingLeaked() throws Exception {
        assertEquals(List.of(), agent.allocatedIps("sriov-net"), "IP addresses left allocated");
        assertEquals(List.of(), agent.checkpointEntries(), "checkpoint entries left");
        assertEquals(List.of(), agent.deviceInfoFiles(), "device-info files left");
    }

    @Test
    void podSeesItsVfAndDelRestoresEverything() throws Exception {
        String netns = agent.netns("p1");
        String nsName = Path.of(netns).getFileName().toString();
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config(VF0, "02:00:00:aa:bb:01"));
        assertEquals(0, add.exit(), add.toString());
        JsonNode result = add.json();
        assertEquals("net1", result.at("/interfaces/0/name").asText());
        assertEquals("02:00:00:aa:bb:01", result.at("/interfaces/0/mac").asText());
        assertEquals(1400, result.at("/interfaces/0/mtu").asInt());
        assertEquals(VF0, result.at("/interfaces/0/pciID").asText());

        JsonNode link = ipJson("-n", nsName, "-j", "addr", "show", "dev", "net1").get(0);
        assertEquals("net1", link.get("ifname").asText());
        assertEquals("02:00:00:aa:bb:01", link.get("address").asText());
        assertEquals(1400, link.get("mtu").asInt());
        assertTrue(link.get("flags").toString().contains("UP"), link.toString());
        boolean hasAddress = false;
        for (JsonNode a : link.get("addr_info")) hasAddress |= a.get("local").asText().equals("10.78.0.10") && a.get("prefixlen").asInt() == 24;
        assertTrue(hasAddress, link.toString());
        String routes = ipJson("-n", nsName, "-j", "route", "show").toString();
        assertTrue(routes.contains("\"dst\":\"default\",\"gateway\":\"10.78.0.1\",\"dev\":\"net1\""), routes);
        assertTrue(routes.contains("\"dst\":\"192.168.60.0/24\",\"gateway\":\"10.78.0.254\",\"dev\":\"net1\""), routes);
        assertFalse(AgentHarness.ipQuiet("link", "show", vf0), "the VF netdev left the host");

        ObjectNode check = (ObjectNode) JSON.readTree(config(VF0, "02:00:00:aa:bb:01"));
        check.set("prevResult", result);
        assertEquals(0, agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, check.toString()).exit());
        AgentHarness.ip("-n", nsName, "link", "set", "net1", "mtu", "1300");
        ShimRunner.Outcome drift = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, check.toString());
        assertEquals(101, drift.code(), drift.toString());
        assertTrue(drift.json().get("msg").asText().contains("MTU 1300"), drift.toString());

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config(VF0, "02:00:00:aa:bb:01"));
        assertEquals(0, del.exit(), del.toString());
        JsonNode back = ipJson("-j", "link", "show", "dev", vf0).get(0);
        assertEquals("02:11:00:00:00:a0", back.get("address").asText(), "original MAC restored");
        assertEquals(1500, back.get("mtu").asInt(), "original MTU restored");
        assertFalse(AgentHarness.ipQuiet("-n", nsName, "link", "show", "net1"));
        assertNothingLeaked();
        assertEquals(0, agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config(VF0, null)).exit(), "repeated DEL");
    }

    @Test
    void delAfterThePodNamespaceIsGone() throws Exception {
        String netns = agent.netns("p1");
        assertEquals(0, agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config(VF1, null)).exit());
        agent.deleteNetns(netns);
        // A veth (unlike a real VF) dies with its namespace; DEL must still succeed and release everything.
        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config(VF1, null));
        assertEquals(0, del.exit(), del.toString());
        assertNothingLeaked();
    }

    @Test
    void pfSideSettingsAreOnlyAppliedWhenAskedAndAFailureLeavesNothing() throws Exception {
        String netns = agent.netns("p1");
        ObjectNode vlan = (ObjectNode) JSON.readTree(config(VF0, null));
        vlan.put("vlan", 100).put("spoofchk", "off");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, vlan.toString());
        // The "PF" here is a veth: the kernel has no VF for it to configure.
        assertEquals(1, add.exit(), add.toString());
        assertTrue(add.code() == 102, add.toString());
        assertTrue(add.json().get("msg").asText().contains(pf), add.toString());
        assertTrue(AgentHarness.ipQuiet("link", "show", vf0), "the VF stayed in the host under its name");
        assertNothingLeaked();
    }

    @Test
    void failureAfterTheMoveBringsTheVfHomeAndReleasesTheAddress() throws Exception {
        String netns = agent.netns("p1");
        ObjectNode conf = (ObjectNode) JSON.readTree(config(VF0, "02:00:00:aa:bb:02"));
        // A gateway that is not on the pod's subnet: the kernel refuses the route after the VF is in the pod.
        ((com.fasterxml.jackson.databind.node.ArrayNode) conf.at("/ipam/routes")).addObject().put("dst", "192.168.70.0/24").put("gw", "10.200.0.1");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, conf.toString());
        assertEquals(102, add.code(), add.toString());
        assertTrue(add.json().get("msg").asText().contains("RTM_NEWROUTE"), add.toString());
        JsonNode back = ipJson("-j", "link", "show", "dev", vf0).get(0);
        assertEquals("02:11:00:00:00:a0", back.get("address").asText(), "original MAC restored");
        assertEquals(1500, back.get("mtu").asInt());
        assertFalse(AgentHarness.ipQuiet("-n", Path.of(netns).getFileName().toString(), "link", "show", "net1"));
        assertNothingLeaked();
    }

    @Test
    void vfAlreadyInAPodIsRefused() throws Exception {
        String ns1 = agent.netns("p1");
        String ns2 = agent.netns("p2");
        assertEquals(0, agent.shim.run("ADD", "pod1", ns1, "net1", AgentHarness.CNI_PATH, config(VF0, null)).exit());
        ShimRunner.Outcome second = agent.shim.run("ADD", "pod2", ns2, "net1", AgentHarness.CNI_PATH, config(VF0, null));
        assertEquals(11, second.code(), second.toString());
        assertEquals(1, agent.allocatedIps("sriov-net").size());
        assertEquals(0, agent.shim.run("DEL", "pod1", ns1, "net1", AgentHarness.CNI_PATH, config(VF0, null)).exit());
        assertNothingLeaked();
    }

    @Test
    void vfioBoundVfCannotBeASriovNetdev() throws Exception {
        agent.sysfs.addVf(PF, 2, "0000:05:02.2", "vfio-pci", null);
        String netns = agent.netns("p1");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config("0000:05:02.2", null));
        assertEquals(7, add.code(), add.toString());
        assertTrue(add.json().get("msg").asText().contains("vfio-pci"));
        assertNothingLeaked();
    }
}
