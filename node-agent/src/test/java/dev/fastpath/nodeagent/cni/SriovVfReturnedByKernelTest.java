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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEL of a sriov attachment whose pod namespace is already gone. A physical VF outlives the namespace: the
 * kernel (default_device_exit_net) moves it to the host under its pod-side name, or {@code dev<ifindex>} when
 * that name is taken there. A veth "VF" dies with the namespace instead, so this test plays the kernel: after
 * the namespace is deleted it creates a netdev in the host under the name the kernel would give, with the
 * MAC/MTU the VF had in the pod and down (dev_close on the move), and points the fake sysfs VF's {@code net/}
 * at it. DEL must find it by the VF's PCI address, rename it back, restore MAC/MTU/up, release the address
 * (host-local's data dir empty) and drop the checkpoint entry. iproute2 is the witness.
 */
@Privileged
class SriovVfReturnedByKernelTest {
    static final String PF = "0000:06:00.0";
    static final String VF = "0000:06:02.0";
    static final String HOST_MAC = "02:11:00:00:00:b0";
    static final String POD_MAC = "02:00:00:aa:bb:07";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;
    LogCapture log;
    String vf;
    String podIfname;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp);
        vf = agent.prefix + "v0";
        // The pod-side name, prefixed: a returned VF lands in the HOST namespace under it.
        podIfname = agent.prefix + "e1";
        agent.veth(agent.prefix + "pf", agent.prefix + "pfp");
        agent.veth(vf, agent.prefix + "v0p");
        AgentHarness.ip("link", "set", vf, "address", HOST_MAC, "mtu", "1500", "up");
        agent.sysfs.addPf(PF, agent.prefix + "pf", 8);
        agent.sysfs.addVf(PF, 0, VF, "iavf", vf);
        agent.start();
        log = new LogCapture();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (log != null) log.close();
        agent.close();
    }

    String config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "sriov-ret").put("type", "fastpath").put("attachment", "sriov").put("pool", "intel-a").put("mtu", 1400);
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.81.0.0/24").put("gateway", "10.81.0.1");
        c.putObject("runtimeConfig").put("deviceID", VF).put("mac", POD_MAC);
        return c.toString();
    }

    /** ADD into a fresh namespace, then delete the namespace (the veth "VF" dies with it); returns CNI_NETNS. */
    String addThenDeleteNamespace() throws Exception {
        String netns = agent.netns("p1");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config());
        assertEquals(0, add.exit(), add.toString());
        assertEquals(List.of("10.81.0.2"), agent.allocatedIps("sriov-ret"));
        assertFalse(AgentHarness.ipQuiet("link", "show", vf), "the VF is in the pod");
        agent.deleteNetns(netns);
        assertFalse(AgentHarness.ipQuiet("link", "show", vf));
        return netns;
    }

    /** What the kernel does with a physical VF of a deleted namespace: the netdev appears in the host as {@code name}. */
    void kernelReturnsVfAs(String name) throws Exception {
        agent.veth(name, agent.prefix + "kp");
        AgentHarness.ip("link", "set", name, "address", POD_MAC, "mtu", "1400");
        agent.sysfs.setNetdev(VF, name);
    }

    void assertVfRestoredAndNothingLeaked() throws Exception {
        JsonNode back = JSON.readTree(AgentHarness.ip("-j", "link", "show", "dev", vf)).get(0);
        assertEquals(HOST_MAC, back.get("address").asText(), "original MAC restored");
        assertEquals(1500, back.get("mtu").asInt(), "original MTU restored");
        assertTrue(back.get("flags").toString().contains("\"UP\""), "it was up before ADD: " + back);
        assertEquals(List.of(), agent.allocatedIps("sriov-ret"), "IP left allocated");
        assertEquals(List.of(), agent.checkpointEntries(), "checkpoint entry left");
        assertEquals(List.of(), agent.deviceInfoFiles(), "device-info file left");
    }

    @Test
    void vfReturnedUnderItsPodSideNameIsRenamedBackAndRestored() throws Exception {
        String netns = addThenDeleteNamespace();
        kernelReturnsVfAs(podIfname);

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config());
        assertEquals(0, del.exit(), del.toString());
        assertVfRestoredAndNothingLeaked();
        assertFalse(AgentHarness.ipQuiet("link", "show", podIfname), "no netdev left under the pod-side name");
        assertEquals(1, log.matching("VF " + VF + " is in the host as " + podIfname, "renaming it back to " + vf).size(), log.lines().toString());
        assertEquals(0, agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config()).exit(), "repeated DEL");
    }

    @Test
    void vfReturnedAsDevIfindexBecauseItsPodNameWasTakenIsFoundByPciAddress() throws Exception {
        String netns = addThenDeleteNamespace();
        agent.restart(); // DEL works from the checkpoint alone
        // Some other host device already has the pod-side name: the kernel falls back to dev<ifindex>.
        agent.veth(podIfname, agent.prefix + "cp");
        AgentHarness.ip("link", "set", podIfname, "address", "02:33:00:00:00:01", "mtu", "9000");
        String tmpName = agent.prefix + "kr";
        kernelReturnsVfAs(tmpName);
        int ifindex = JSON.readTree(AgentHarness.ip("-j", "link", "show", "dev", tmpName)).get(0).get("ifindex").asInt();
        String devName = "dev" + ifindex;
        AgentHarness.ip("link", "set", tmpName, "name", devName);
        agent.sysfs.setNetdev(VF, devName);

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config());
        assertEquals(0, del.exit(), del.toString());
        assertVfRestoredAndNothingLeaked();
        assertFalse(AgentHarness.ipQuiet("link", "show", devName));
        JsonNode other = JSON.readTree(AgentHarness.ip("-j", "link", "show", "dev", podIfname)).get(0);
        assertEquals("02:33:00:00:00:01", other.get("address").asText(), "the device that owns the pod-side name is left alone");
        assertEquals(9000, other.get("mtu").asInt());
        assertEquals(1, log.matching("VF " + VF + " is in the host as " + devName).size(), log.lines().toString());
    }

    @Test
    void delThatComesBeforeTheKernelReturnedTheVfWaitsForIt() throws Exception {
        String netns = addThenDeleteNamespace();
        agent.sysfs.setNetdev(VF, null); // namespace cleanup still running: the VF has no netdev in the host yet
        CompletableFuture<ShimRunner.Outcome> del = CompletableFuture.supplyAsync(
                () -> agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (log.matching("VF " + VF + " is not back in the host yet").isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertFalse(del.isDone(), "DEL waits for the VF: " + log.lines());
        Thread.sleep(300);
        kernelReturnsVfAs(podIfname);

        ShimRunner.Outcome outcome = del.get(60, TimeUnit.SECONDS);
        assertEquals(0, outcome.exit(), outcome.toString());
        assertVfRestoredAndNothingLeaked();
        assertEquals(1, log.matching("VF " + VF + " is in the host as " + podIfname, "renaming it back to " + vf).size(), log.lines().toString());
    }

    @Test
    void vfThatCannotBeFoundAnywhereStillLetsDelSucceedAndSaysSo() throws Exception {
        String netns = addThenDeleteNamespace();
        agent.sysfs.setNetdev(VF, null); // on iavf, but its netdev never comes back

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config());
        assertEquals(0, del.exit(), del.toString());
        assertEquals(List.of(), agent.allocatedIps("sriov-ret"), "IP left allocated");
        assertEquals(List.of(), agent.checkpointEntries(), "checkpoint entry left");
        assertEquals(List.of(), agent.deviceInfoFiles(), "device-info file left");
        assertEquals(1, log.matching("waiting up to 3000 ms").size(), log.lines().toString());
        List<String> warning = log.matching("WARNING", "VF " + VF, "(host name " + vf + ")", "its netdev is gone", "DEL goes on");
        assertEquals(1, warning.size(), log.lines().toString());
        assertTrue(warning.getFirst().contains("sriov-ret") && warning.getFirst().contains("pod1"), "the line carries its context: " + warning);
        assertEquals(0, agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config()).exit(), "repeated DEL");
    }

    @Test
    void vfWithoutADriverIsNotWaitedFor() throws Exception {
        String netns = addThenDeleteNamespace();
        agent.sysfs.setNetdev(VF, null);
        Files.delete(agent.sysfs.device(VF).resolve("driver")); // unbound: no netdev will come back

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, podIfname, AgentHarness.CNI_PATH, config());
        assertEquals(0, del.exit(), del.toString());
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.allocatedIps("sriov-ret"));
        assertEquals(List.of(), log.matching("waiting up to"), "nothing to wait for");
        assertEquals(1, log.matching("WARNING", "VF " + VF, "its netdev is gone").size(), log.lines().toString());
    }
}
