package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sriov attachment (emulated VF: a veth end linked from the fake sysfs tree) with Debian's {@code static}
 * IPAM plugin from /usr/lib/cni, exec'd by the agent per the CNI spec like host-local: the real shim, agent,
 * pod namespace. The pod sees exactly the configured addresses (IPv4 and IPv6) and routes (with and without a
 * gateway of their own); DEL brings the VF home as it was, without the addresses. iproute2 is the witness.
 */
@Privileged
class StaticIpamEndToEndTest {
    static final String PF = "0000:08:00.0";
    static final String VF = "0000:08:02.0";
    static final String HOST_MAC = "02:11:00:00:00:c0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    AgentHarness agent;
    String vf;

    @BeforeEach
    void setUp() throws Exception {
        if (!Files.isExecutable(Path.of(AgentHarness.CNI_PATH, "static"))) {
            String reason = "no " + AgentHarness.CNI_PATH + "/static (containernetworking-plugins)";
            if (Boolean.getBoolean("fastpath.test.requireAll")) throw new IllegalStateException(reason);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, reason);
        }
        agent = new AgentHarness(tmp);
        vf = agent.prefix + "v0";
        agent.veth(agent.prefix + "pf", agent.prefix + "pfp");
        agent.veth(vf, agent.prefix + "v0p");
        AgentHarness.ip("link", "set", vf, "address", HOST_MAC, "mtu", "1500");
        agent.sysfs.addPf(PF, agent.prefix + "pf", 8);
        agent.sysfs.addVf(PF, 0, VF, "iavf", vf);
        agent.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) agent.close();
    }

    static ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "sriov-static").put("type", "fastpath").put("attachment", "sriov").put("pool", "intel-a").put("mtu", 1450);
        ObjectNode ipam = c.putObject("ipam").put("type", "static");
        ArrayNode addresses = ipam.putArray("addresses");
        addresses.addObject().put("address", "10.79.0.5/24").put("gateway", "10.79.0.1");
        addresses.addObject().put("address", "fd00:79::5/64").put("gateway", "fd00:79::1");
        ArrayNode routes = ipam.putArray("routes");
        routes.addObject().put("dst", "0.0.0.0/0");
        routes.addObject().put("dst", "192.168.80.0/24").put("gw", "10.79.0.254");
        routes.addObject().put("dst", "fd00:80::/64");
        c.putObject("runtimeConfig").put("deviceID", VF);
        return c;
    }

    /** Global addresses of {@code dev} in {@code ns} (null = host), as "addr/len". */
    static Set<String> globalAddresses(String ns, String dev) throws Exception {
        List<String> args = new ArrayList<>();
        if (ns != null) args.addAll(List.of("-n", ns));
        args.addAll(List.of("-j", "addr", "show", "dev", dev));
        Set<String> out = new TreeSet<>();
        for (JsonNode a : JSON.readTree(AgentHarness.ip(args.toArray(String[]::new))).get(0).path("addr_info")) {
            if ("global".equals(a.path("scope").asText())) out.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
        }
        return out;
    }

    /** Routes of {@code family} in the pod that are not the kernel's own (connected subnets, link-local), as "dst via gw". */
    static Set<String> configuredRoutes(String ns, String family) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : JSON.readTree(AgentHarness.ip("-n", ns, family, "-j", "route", "show", "table", "main"))) {
            if ("kernel".equals(r.path("protocol").asText())) continue;
            out.add(r.get("dst").asText() + " via " + r.path("gateway").asText("-") + " dev " + r.path("dev").asText());
        }
        return out;
    }

    @Test
    void podSeesExactlyTheStaticAddressesAndRoutesAndDelRestoresTheVf() throws Exception {
        String netns = agent.netns("p1");
        String ns = Path.of(netns).getFileName().toString();
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString());
        assertEquals(0, add.exit(), add.toString());
        JsonNode result = add.json();
        assertEquals("1.1.0", result.get("cniVersion").asText());
        Set<String> resultIps = new TreeSet<>();
        for (JsonNode ip : result.get("ips")) resultIps.add(ip.get("address").asText() + " gw " + ip.get("gateway").asText());
        assertEquals(Set.of("10.79.0.5/24 gw 10.79.0.1", "fd00:79::5/64 gw fd00:79::1"), resultIps);

        assertEquals(Set.of("10.79.0.5/24", "fd00:79::5/64"), globalAddresses(ns, "net1"), "exactly the static addresses");
        assertEquals(Set.of("default via 10.79.0.1 dev net1", "192.168.80.0/24 via 10.79.0.254 dev net1"), configuredRoutes(ns, "-4"),
                "a route without gw uses the address's gateway of its family");
        assertEquals(Set.of("fd00:80::/64 via fd00:79::1 dev net1"), configuredRoutes(ns, "-6"));
        JsonNode link = JSON.readTree(AgentHarness.ip("-n", ns, "-j", "link", "show", "dev", "net1")).get(0);
        assertEquals(1450, link.get("mtu").asInt());

        ShimRunner.Outcome del = agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString());
        assertEquals(0, del.exit(), del.toString());
        assertFalse(AgentHarness.ipQuiet("-n", ns, "link", "show", "net1"));
        JsonNode back = JSON.readTree(AgentHarness.ip("-j", "link", "show", "dev", vf)).get(0);
        assertEquals(HOST_MAC, back.get("address").asText());
        assertEquals(1500, back.get("mtu").asInt());
        assertEquals(Set.of(), globalAddresses(null, vf), "the pod's addresses did not follow the VF home");
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
        assertEquals(0, agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString()).exit(), "repeated DEL");
    }

    /**
     * CHECK goes to static too (static parses prevResult): static speaks up to 1.0.0, so the agent lowers the
     * prevResult's cniVersion along with the config's (static refuses a 1.1.0 result otherwise).
     */
    @Test
    void checkReachesTheStaticPlugin() throws Exception {
        String netns = agent.netns("p1");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString());
        assertEquals(0, add.exit(), add.toString());
        ObjectNode check = config();
        check.set("prevResult", add.json());
        ShimRunner.Outcome checked = agent.shim.run("CHECK", "pod1", netns, "net1", AgentHarness.CNI_PATH, check.toString());
        assertEquals(0, checked.exit(), checked.toString());
        assertEquals(0, agent.shim.run("DEL", "pod1", netns, "net1", AgentHarness.CNI_PATH, config().toString()).exit());
    }

    @Test
    void aBadStaticAddressFailsTheAddWithTheStaticPluginsMessageAndLeavesNothing() throws Exception {
        String netns = agent.netns("p1");
        ObjectNode conf = config();
        ((ObjectNode) conf.at("/ipam/addresses/0")).put("address", "10.79.0.500/24");
        ShimRunner.Outcome add = agent.shim.run("ADD", "pod1", netns, "net1", AgentHarness.CNI_PATH, conf.toString());
        assertEquals(1, add.exit(), add.toString());
        assertTrue(add.json().get("msg").asText().contains("static"), add.toString());
        assertTrue(AgentHarness.ipQuiet("link", "show", vf), "the VF stayed in the host");
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
    }
}
