package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sriov-dpdk end to end: the real shim process, the agent's CNI server in this JVM, a real pod network
 * namespace, host-local IPAM from /usr/lib/cni, VFs on vfio-pci in a fake sysfs tree.
 */
@Privileged
class SriovDpdkEndToEndTest {
    static final String PF = "0000:03:00.0";
    static final String VF0 = "0000:03:02.0";
    static final String VF1 = "0000:03:02.1";
    static final String VF_IAVF = "0000:03:02.2";
    static final String NOT_A_VF = "0000:00:04.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp);
        agent.sysfs.addPf(PF, "fakepf0", 8);
        agent.sysfs.addVf(PF, 0, VF0, "vfio-pci", null);
        agent.sysfs.addVf(PF, 1, VF1, "vfio-pci", null);
        agent.sysfs.addVf(PF, 2, VF_IAVF, "iavf", "fakevf2");
        agent.sysfs.addPlainDevice(NOT_A_VF);
        agent.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
    }

    String config(String deviceId) {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "dpdk-net").put("type", "fastpath").put("attachment", "sriov-dpdk").put("pool", "dpdk-a");
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.77.0.0/24").put("rangeStart", "10.77.0.10")
                .put("rangeEnd", "10.77.0.20").put("gateway", "10.77.0.1");
        ipam.putArray("routes").addObject().put("dst", "192.168.50.0/24");
        if (deviceId != null) c.putObject("runtimeConfig").put("deviceID", deviceId);
        return c.toString();
    }

    ShimRunner.Outcome add(String container, String netns, String ifname, String config) {
        return agent.shim.run("ADD", container, netns, ifname, AgentHarness.CNI_PATH, config);
    }

    ShimRunner.Outcome del(String container, String netns, String ifname, String config) {
        return agent.shim.run("DEL", container, netns, ifname, AgentHarness.CNI_PATH, config);
    }

    void assertNothingLeaked() throws Exception {
        assertEquals(List.of(), agent.allocatedIps("dpdk-net"), "IP addresses left allocated in host-local");
        assertEquals(List.of(), agent.checkpointEntries(), "checkpoint entries left");
        assertEquals(List.of(), agent.deviceInfoFiles(), "device-info files left");
    }

    @Test
    void addCheckDelAndRepeatedDel() throws Exception {
        String netns = agent.netns("p1");
        ShimRunner.Outcome add = add("pod1", netns, "net1", config(VF0));
        assertEquals(0, add.exit(), add.toString());
        JsonNode result = add.json();
        assertEquals("1.1.0", result.get("cniVersion").asText());
        assertEquals("net1", result.at("/interfaces/0/name").asText());
        assertEquals(VF0, result.at("/interfaces/0/pciID").asText());
        assertEquals(netns, result.at("/interfaces/0/sandbox").asText());
        assertEquals("10.77.0.10/24", result.at("/ips/0/address").asText());
        assertEquals("10.77.0.1", result.at("/ips/0/gateway").asText());
        assertEquals(0, result.at("/ips/0/interface").asInt());
        assertEquals("192.168.50.0/24", result.at("/routes/0/dst").asText());
        assertEquals(List.of("10.77.0.10"), agent.allocatedIps("dpdk-net"));

        Path devinfo = agent.config.deviceInfoDir().resolve("dpdk-net-pod1-net1-device-info.json");
        JsonNode info = JSON.readTree(devinfo.toFile());
        assertEquals("pci", info.get("type").asText());
        assertEquals("1.1.0", info.get("version").asText());
        assertEquals(VF0, info.at("/pci/pci-address").asText());
        assertEquals(PF, info.at("/pci/pf-pci-address").asText());
        List<Path> entries = agent.checkpointEntries();
        assertEquals(1, entries.size());
        JsonNode record = JSON.readTree(entries.getFirst().toFile());
        assertEquals("added", record.get("state").asText());
        assertEquals(VF0, record.get("deviceId").asText());
        assertEquals("10.77.0.10/24", record.at("/ipamResult/ips/0/address").asText());
        if (Files.getPosixFilePermissions(agent.config.socket()).size() != 2) throw new AssertionError("socket mode is not 0600");

        ObjectNode checkConfig = (ObjectNode) JSON.readTree(config(VF0));
        checkConfig.set("prevResult", result);
        ShimRunner.Outcome check = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, checkConfig.toString());
        assertEquals(0, check.exit(), check.toString());

        // The VF changing driver under the pod is drift.
        Path driver = agent.sysfs.device(VF0).resolve("driver");
        Files.delete(driver);
        Files.createSymbolicLink(driver, agent.sysfs.root.resolve("bus/pci/drivers/iavf"));
        ShimRunner.Outcome drifted = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, checkConfig.toString());
        assertEquals(101, drifted.code(), drifted.toString());
        Files.delete(driver);
        Files.createSymbolicLink(driver, agent.sysfs.root.resolve("bus/pci/drivers/vfio-pci"));

        ShimRunner.Outcome del = del("pod1", netns, "net1", config(VF0));
        assertEquals(0, del.exit(), del.toString());
        assertEquals("", del.stdout());
        assertNothingLeaked();
        for (int i = 0; i < 2; i++) {
            ShimRunner.Outcome again = del("pod1", netns, "net1", config(VF0));
            assertEquals(0, again.exit(), "repeated DEL: " + again);
        }
        ShimRunner.Outcome checkAfterDel = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, checkConfig.toString());
        assertEquals(100, checkAfterDel.code(), checkAfterDel.toString());
        // DEL with the pod namespace already gone and no netns given at all.
        agent.deleteNetns(netns);
        assertEquals(0, del("pod1", null, "net1", config(VF0)).exit());
    }

    @Test
    void olderCniVersionGetsItsOwnResultShape() throws Exception {
        String netns = agent.netns("p1");
        ObjectNode conf = (ObjectNode) JSON.readTree(config(VF0));
        conf.put("cniVersion", "0.4.0");
        ShimRunner.Outcome add = add("pod1", netns, "net1", conf.toString());
        assertEquals(0, add.exit(), add.toString());
        assertEquals("0.4.0", add.json().get("cniVersion").asText());
        assertEquals("4", add.json().at("/ips/0/version").asText());
        assertTrue(add.json().at("/interfaces/0/pciID").isMissingNode(), "pciID is 1.1.0 only");
        assertEquals(0, del("pod1", netns, "net1", conf.toString()).exit());
        assertNothingLeaked();
    }

    @Test
    void statusAndGcKeepOnlyValidAttachments() throws Exception {
        String ns1 = agent.netns("p1");
        String ns2 = agent.netns("p2");
        assertEquals(0, add("pod1", ns1, "net1", config(VF0)).exit());
        assertEquals(0, add("pod2", ns2, "net1", config(VF1)).exit());
        assertEquals(2, agent.allocatedIps("dpdk-net").size());

        ShimRunner.Outcome status = agent.shim.run("STATUS", null, null, null, AgentHarness.CNI_PATH, config(null));
        assertEquals(0, status.exit(), status.toString());

        ObjectNode gc = (ObjectNode) JSON.readTree(config(null));
        gc.putArray("cni.dev/valid-attachments").addObject().put("containerID", "pod2").put("ifname", "net1");
        ShimRunner.Outcome result = agent.shim.run("GC", null, null, null, AgentHarness.CNI_PATH, gc.toString());
        assertEquals(0, result.exit(), result.toString());
        assertEquals(List.of("10.77.0.11"), agent.allocatedIps("dpdk-net"));
        assertEquals(1, agent.checkpointEntries().size());
        assertTrue(agent.checkpointEntries().getFirst().getFileName().toString().startsWith("pod2."));
        assertEquals(1, agent.deviceInfoFiles().size());

        // A broken checkpoint directory makes STATUS say "not available".
        Path attachments = agent.config.checkpointDir().resolve("attachments");
        attachments.toFile().setWritable(false);
        try {
            if (!Files.isWritable(attachments)) {
                ShimRunner.Outcome down = agent.shim.run("STATUS", null, null, null, AgentHarness.CNI_PATH, config(null));
                assertEquals(50, down.code(), down.toString());
            }
        } finally {
            attachments.toFile().setWritable(true);
        }
        assertEquals(0, del("pod2", ns2, "net1", config(VF1)).exit());
        assertNothingLeaked();
    }

    @Test
    void badRequestsGetTheirCodeAndLeakNothing() throws Exception {
        String netns = agent.netns("p1");
        record Case(String what, int code, String container, String netns, String ifname, String config, String messagePart) {}
        ObjectNode unknownType = (ObjectNode) JSON.readTree(config(VF0));
        unknownType.put("attachment", "sriov-turbo");
        ObjectNode wrongField = (ObjectNode) JSON.readTree(config(VF0));
        wrongField.put("vlan", "hundred");
        ObjectNode badMac = (ObjectNode) JSON.readTree(config(VF0));
        ((ObjectNode) badMac.get("runtimeConfig")).put("mac", "zz:00:00:00:00:01");
        ObjectNode vhost = (ObjectNode) JSON.readTree(config(null));
        vhost.put("attachment", "vhost-user");
        ObjectNode kernel = (ObjectNode) JSON.readTree(config(null));
        kernel.put("attachment", "kernel");
        ObjectNode oldVersion = (ObjectNode) JSON.readTree(config(VF0));
        oldVersion.put("cniVersion", "0.2.0");
        List<Case> cases = List.of(
                new Case("malformed JSON", 6, "pod1", netns, "net1", "{\"cniVersion\":\"1.1.0\",", "not valid JSON"),
                new Case("unknown attachment type", 7, "pod1", netns, "net1", unknownType.toString(), "sriov-turbo"),
                new Case("wrong field type", 7, "pod1", netns, "net1", wrongField.toString(), "vlan"),
                new Case("bad runtimeConfig.mac", 7, "pod1", netns, "net1", badMac.toString(), "runtimeConfig.mac"),
                new Case("unsupported cniVersion", 1, "pod1", netns, "net1", oldVersion.toString(), "0.2.0"),
                new Case("missing deviceID", 7, "pod1", netns, "net1", config(null), "deviceID"),
                new Case("malformed deviceID", 7, "pod1", netns, "net1", config("03:02.0"), "03:02.0"),
                new Case("deviceID of no device", 7, "pod1", netns, "net1", config("0000:09:00.0"), "no such PCI device"),
                new Case("foreign deviceID (not a VF)", 7, "pod1", netns, "net1", config(NOT_A_VF), "not an SR-IOV virtual function"),
                new Case("VF on the wrong driver", 7, "pod1", netns, "net1", config(VF_IAVF), "iavf"),
                new Case("vhost-user with no switch running", 11, "pod1", netns, "net1", vhost.toString(), agent.config.switchEndpoint().toString()),
                new Case("kernel with no switch running", 11, "pod1", netns, "net1", kernel.toString(), agent.config.switchEndpoint().toString()),
                new Case("missing netns", 3, "pod1", "/var/run/netns/" + agent.prefix + "gone", "net1", config(VF0), "does not exist"),
                new Case("relative netns", 4, "pod1", "netns/x", "net1", config(VF0), "CNI_NETNS"),
                new Case("CNI_IFNAME too long", 4, "pod1", netns, "abcdefghijklmnop", config(VF0), "CNI_IFNAME"),
                new Case("CNI_IFNAME with slash", 4, "pod1", netns, "net/1", config(VF0), "CNI_IFNAME"),
                new Case("CNI_IFNAME dot-dot", 4, "pod1", netns, "..", config(VF0), "CNI_IFNAME"),
                new Case("CNI_CONTAINERID missing", 4, null, netns, "net1", config(VF0), "CNI_CONTAINERID"),
                new Case("CNI_CONTAINERID invalid", 4, "-pod", netns, "net1", config(VF0), "CNI_CONTAINERID"));
        for (Case c : cases) {
            ShimRunner.Outcome out = add(c.container(), c.netns(), c.ifname(), c.config());
            assertEquals(1, out.exit(), c.what() + ": " + out);
            assertEquals(c.code(), out.code(), c.what() + ": " + out);
            assertTrue(out.json().get("msg").asText().contains(c.messagePart()), c.what() + ": " + out.json());
            assertNothingLeaked();
        }
    }

    @Test
    void vfAlreadyInUseIsRefusedAndTheHolderKeepsIt() throws Exception {
        String ns1 = agent.netns("p1");
        String ns2 = agent.netns("p2");
        assertEquals(0, add("pod1", ns1, "net1", config(VF0)).exit());
        ShimRunner.Outcome second = add("pod2", ns2, "net1", config(VF0));
        assertEquals(11, second.code(), second.toString());
        assertTrue(second.json().get("msg").asText().contains("pod1"), second.toString());
        ShimRunner.Outcome sameName = add("pod1", ns1, "net1", config(VF1));
        assertEquals(4, sameName.code(), sameName.toString());
        assertEquals(List.of("10.77.0.10"), agent.allocatedIps("dpdk-net"), "the refused ADDs allocated nothing");
        assertEquals(1, agent.checkpointEntries().size());
        // the runtime DELs the failed ADD: that must not tear down pod1's attachment
        assertEquals(0, del("pod2", ns2, "net1", config(VF0)).exit());
        assertEquals(1, agent.checkpointEntries().size());
        assertEquals(0, del("pod1", ns1, "net1", config(VF0)).exit());
        assertNothingLeaked();
    }

    @Test
    void ipamFailuresLeaveNothing() throws Exception {
        String netns = agent.netns("p1");
        // IPAM itself fails: the range is exhausted.
        ObjectNode tiny = (ObjectNode) JSON.readTree(config(VF0));
        ObjectNode range = (ObjectNode) tiny.at("/ipam/ranges/0/0");
        range.put("rangeStart", "10.77.0.10").put("rangeEnd", "10.77.0.10");
        assertEquals(0, add("pod1", netns, "net1", tiny.toString()).exit());
        ObjectNode tiny2 = tiny.deepCopy();
        ((ObjectNode) tiny2.get("runtimeConfig")).put("deviceID", VF1);
        ShimRunner.Outcome exhausted = add("pod2", netns, "net2", tiny2.toString());
        assertEquals(1, exhausted.exit());
        assertTrue(exhausted.json().get("msg").asText().contains("host-local"), exhausted.toString());
        assertEquals(1, agent.checkpointEntries().size(), "no entry for the failed ADD");
        assertEquals(0, del("pod1", netns, "net1", tiny.toString()).exit());

        // IPAM succeeds, then a later step fails (the device-info file cannot be written): IPAM DEL undoes it.
        Path notADir = tmp.resolve("plain-file");
        Files.writeString(notADir, "x");
        ObjectNode late = (ObjectNode) JSON.readTree(config(VF0));
        ((ObjectNode) late.get("runtimeConfig")).put("CNIDeviceInfoFile", notADir.resolve("sub/info.json").toString());
        ShimRunner.Outcome failed = add("pod1", netns, "net1", late.toString());
        assertEquals(5, failed.code(), failed.toString());
        assertNothingLeaked();

        // IPAM plugin missing from CNI_PATH.
        ObjectNode missing = (ObjectNode) JSON.readTree(config(VF0));
        ((ObjectNode) missing.get("ipam")).put("type", "no-such-ipam");
        ShimRunner.Outcome notFound = add("pod1", netns, "net1", missing.toString());
        assertEquals(7, notFound.code(), notFound.toString());
        assertTrue(notFound.json().get("msg").asText().contains("no-such-ipam"));
        assertNothingLeaked();
    }

    @Test
    void agentUnreachableAndAgentRestartRecovery() throws Exception {
        String netns = agent.netns("p1");
        agent.server.close();
        ShimRunner.Outcome add = add("pod1", netns, "net1", config(VF0));
        assertEquals(11, add.code(), add.toString());
        assertTrue(add.json().get("msg").asText().contains(agent.config.socket().toString()));
        assertEquals(0, del("pod1", netns, "net1", config(VF0)).exit(), "DEL succeeds without the agent");
        assertEquals(50, agent.shim.run("STATUS", null, null, null, AgentHarness.CNI_PATH, config(null)).code());
        agent.start();
        assertNothingLeaked();
    }

    @Test
    void concurrentAddsForDifferentPodsAndOneVfNeverTwice() throws Exception {
        int pods = 6;
        for (int i = 0; i < pods; i++) agent.sysfs.addVf(PF, 3 + i, "0000:03:03." + i, "vfio-pci", null);
        String netns = agent.netns("p1");
        List<ShimRunner.Outcome> outcomes = java.util.stream.IntStream.range(0, pods).parallel()
                .mapToObj(i -> add("pod" + i, netns, "net1", config("0000:03:03." + i))).toList();
        for (ShimRunner.Outcome o : outcomes) assertEquals(0, o.exit(), o.toString());
        assertEquals(pods, agent.allocatedIps("dpdk-net").size());
        assertEquals(pods, agent.checkpointEntries().size());

        // Two pods racing for one VF: exactly one wins.
        List<ShimRunner.Outcome> race = java.util.stream.IntStream.range(0, 2).parallel()
                .mapToObj(i -> add("racer" + i, netns, "net1", config(VF1))).toList();
        assertEquals(1, race.stream().filter(o -> o.exit() == 0).count(), race.toString());
        assertEquals(11, race.stream().filter(o -> o.exit() != 0).findFirst().orElseThrow().code());

        List<ShimRunner.Outcome> dels = java.util.stream.IntStream.range(0, pods).parallel()
                .mapToObj(i -> del("pod" + i, netns, "net1", config("0000:03:03." + i))).toList();
        for (ShimRunner.Outcome o : dels) assertEquals(0, o.exit(), o.toString());
        for (int i = 0; i < 2; i++) assertEquals(0, del("racer" + i, netns, "net1", config(VF1)).exit());
        assertNothingLeaked();
        assertFalse(Files.exists(agent.config.deviceInfoDir().resolve("dpdk-net-pod0-net1-device-info.json")));
    }
}
