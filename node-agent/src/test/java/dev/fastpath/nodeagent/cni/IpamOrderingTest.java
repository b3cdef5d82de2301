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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When IPAM runs during ADD. Address-store plugins (host-local) run beside the device move; any other plugin
 * runs only once the interface is in the pod and up, as dhcp needs (its client binds to CNI_IFNAME). The
 * other plugin here is a real executable in CNI_PATH that refuses to allocate unless it can see the pod's
 * interface up, the way the dhcp plugin would fail.
 */
@Privileged
class IpamOrderingTest {
    static final String PF = "0000:06:00.0";
    static final String VF0 = "0000:06:02.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IFACE_IPAM = """
            #!/bin/sh
            # Test IPAM plugin: allocates 10.79.0.5/24 only if CNI_IFNAME is already up in CNI_NETNS.
            case "$CNI_COMMAND" in
            VERSION) echo '{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}' ;;
            ADD)
              cat >/dev/null
              if nsenter --net="$CNI_NETNS" ip -o link show "$CNI_IFNAME" 2>/dev/null | grep -q '[<,]UP[,>]'; then
                echo '{"cniVersion":"1.0.0","ips":[{"address":"10.79.0.5/24","gateway":"10.79.0.1"}]}'
              else
                echo '{"cniVersion":"1.0.0","code":11,"msg":"'"$CNI_IFNAME"' is not up in the pod yet"}'
                exit 1
              fi ;;
            DEL) cat >/dev/null; touch "%s/released-$CNI_CONTAINERID" ;;
            esac
            """;

    @TempDir Path tmp;
    AgentHarness agent;
    String vf0;
    Path pluginDir;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp);
        String pf = agent.prefix + "pf";
        vf0 = agent.prefix + "v0";
        agent.veth(pf, agent.prefix + "pfp");
        agent.veth(vf0, agent.prefix + "v0p");
        agent.sysfs.addPf(PF, pf, 4);
        agent.sysfs.addVf(PF, 0, VF0, "iavf", vf0);
        pluginDir = Files.createDirectory(tmp.resolve("plugins"));
        Path plugin = pluginDir.resolve("fpt-iface-ipam");
        Files.writeString(plugin, IFACE_IPAM.formatted(pluginDir));
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        agent.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
    }

    @Test
    void interfaceDependentIpamRunsOnceThePodInterfaceIsUp() throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "order-net").put("type", "fastpath").put("attachment", "sriov").put("pool", "intel-a");
        c.putObject("ipam").put("type", "fpt-iface-ipam");
        c.putObject("runtimeConfig").put("deviceID", VF0);
        String netns = agent.netns("p1");
        String nsName = Path.of(netns).getFileName().toString();
        String cniPath = pluginDir + ":" + AgentHarness.CNI_PATH;

        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", cniPath, c.toString());
        assertEquals(0, add.exit(), add.toString());
        assertEquals("10.79.0.5/24", add.json().at("/ips/0/address").asText(), add.toString());
        JsonNode addr = JSON.readTree(AgentHarness.ip("-n", nsName, "-j", "addr", "show", "dev", "net1")).get(0);
        assertTrue(addr.get("addr_info").toString().contains("\"local\":\"10.79.0.5\""), addr.toString());

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, "net1", cniPath, c.toString());
        assertEquals(0, del.exit(), del.toString());
        assertTrue(Files.exists(pluginDir.resolve("released-pod1")), "IPAM DEL reached the plugin");
        assertTrue(AgentHarness.ipQuiet("link", "show", vf0), "the VF is back in the host");
        assertFalse(AgentHarness.ipQuiet("-n", nsName, "link", "show", "net1"));
        assertEquals(List.of(), agent.checkpointEntries(), "checkpoint entries left");
    }
}
