package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHECK of a sriov attachment reads the VF's PF-side settings from the PF. The "PF" here is a veth, which has
 * no VFs to report (and answers VF changes with EOPNOTSUPP): CHECK with a netconf that asks for PF-side
 * settings must say that the PF does not report them (code 101), naming the PF, the VF and the settings; a
 * netconf without PF-side settings does not read the PF at all. The comparison itself is PfSideSettingsTest.
 */
@Privileged
class SriovPfSideCheckTest {
    static final String PF = "0000:07:00.0";
    static final String VF = "0000:07:02.0";
    static final String DPDK_VF = "0000:07:02.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;
    String pf;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp);
        pf = agent.prefix + "pf";
        agent.veth(pf, agent.prefix + "pfp");
        agent.veth(agent.prefix + "v0", agent.prefix + "v0p");
        agent.sysfs.addPf(PF, pf, 8);
        agent.sysfs.addVf(PF, 0, VF, "iavf", agent.prefix + "v0");
        agent.sysfs.addVf(PF, 1, DPDK_VF, "vfio-pci", null);
        agent.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
    }

    ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "sriov-chk").put("type", "fastpath").put("attachment", "sriov").put("pool", "intel-a");
        c.putObject("runtimeConfig").put("deviceID", VF);
        return c;
    }

    @Test
    void checkSaysThePfDoesNotReportVfSettings() throws Exception {
        String netns = agent.netns("p1");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString());
        assertEquals(0, add.exit(), add.toString());
        JsonNode result = add.json();

        ObjectNode plain = config();
        plain.set("prevResult", result);
        ShimRunner.Outcome ok = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, plain.toString());
        assertEquals(0, ok.exit(), "no PF-side settings asked, none read: " + ok);

        ObjectNode withPfSide = config().put("vlan", 100).put("trust", "on").put("max_tx_rate", 500);
        withPfSide.set("prevResult", result);
        ShimRunner.Outcome check = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, withPfSide.toString());
        assertEquals(101, check.code(), check.toString());
        String msg = check.json().get("msg").asText();
        assertTrue(msg.contains("PF " + pf + " does not report VF settings for VF 0 (" + VF), msg);
        assertTrue(msg.contains("vlan 100, trust on, max_tx_rate 500 cannot be verified"), msg);

        // The premise, from the kernel: this PF takes no VF settings either.
        try (Handle host = Handle.open()) {
            LinuxException refused = assertThrows(LinuxException.class, () -> host.setVf(pf, VfConfig.vf(0).trust(true)));
            assertTrue(refused.is(Errno.EOPNOTSUPP), refused.toString());
        }

        // The PF netdev gone from the host (driver reload, renamed by hand): said so, not "does not report".
        AgentHarness.ip("link", "set", pf, "name", agent.prefix + "pg");
        ShimRunner.Outcome gone = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, withPfSide.toString());
        assertEquals(101, gone.code(), gone.toString());
        assertTrue(gone.json().get("msg").asText().contains("PF " + pf + " of VF 0 (" + VF + ") is not in the host namespace any more"), gone.toString());
        AgentHarness.ip("link", "set", agent.prefix + "pg", "name", pf);

        assertEquals(0, agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString()).exit());
        assertEquals(java.util.List.of(), agent.checkpointEntries());
    }

    /** sriov-dpdk: the MAC is a PF-side setting there, and CHECK reads the PF for what the netconf asks. */
    @Test
    void sriovDpdkCheckReadsThePfToo() throws Exception {
        String netns = agent.netns("p2");
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "dpdk-chk").put("type", "fastpath").put("attachment", "sriov-dpdk").put("pool", "intel-b");
        c.putObject("runtimeConfig").put("deviceID", DPDK_VF);
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod2", netns, "net1", AgentHarness.CNI_PATH, c.toString());
        assertEquals(0, add.exit(), add.toString());

        ObjectNode plain = c.deepCopy();
        plain.set("prevResult", add.json());
        assertEquals(0, agent.shim.run("CHECK", "pod2", netns, "net1", AgentHarness.CNI_PATH, plain.toString()).exit(), "nothing PF-side asked");

        ObjectNode withMac = c.deepCopy();
        ((ObjectNode) withMac.get("runtimeConfig")).put("mac", "02:00:00:00:07:01");
        withMac.set("prevResult", add.json());
        ShimRunner.Outcome check = agent.shim.run("CHECK", "pod2", netns, "net1", AgentHarness.CNI_PATH, withMac.toString());
        assertEquals(101, check.code(), check.toString());
        String msg = check.json().get("msg").asText();
        assertTrue(msg.contains("does not report VF settings for VF 1 (" + DPDK_VF), msg);
        assertTrue(msg.contains("mac 02:00:00:00:07:01"), msg);

        assertEquals(0, agent.shim.run("DEL", "pod2", netns, "net1", AgentHarness.CNI_PATH, c.toString()).exit());
        assertEquals(java.util.List.of(), agent.checkpointEntries());
    }
}
