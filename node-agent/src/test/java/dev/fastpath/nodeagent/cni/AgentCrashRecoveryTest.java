package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.testkit.Privileged;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed (SIGKILL) in the middle of an ADD, after IPAM allocated an address (and, for sriov, after
 * the VF entered the pod): the shim reports "try again later", and the next agent start rolls the half-done
 * attachment back from the checkpoint. The IPAM plugin is host-local behind a wrapper that holds the ADD
 * open once the address is allocated.
 */
@Privileged
class AgentCrashRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void killedMidAddIsRolledBackOnRestart() throws Exception {
        try (AgentHarness agent = new AgentHarness(tmp)) {
            agent.sysfs.addPf("0000:03:00.0", "fakepf0", 4);
            agent.sysfs.addVf("0000:03:00.0", 0, "0000:03:02.0", "vfio-pci", null);
            Path bin = heldIpam(tmp);
            String cniPath = bin + ":" + AgentHarness.CNI_PATH;
            String netns = agent.netns("p1");
            ObjectNode config = JSON.createObjectNode().put("cniVersion", "1.1.0").put("name", "crash-net").put("type", "fastpath")
                    .put("attachment", "sriov-dpdk");
            ObjectNode ipam = config.putObject("ipam").put("type", "held-ipam").put("dataDir", agent.ipamDataDir().toString());
            ipam.putArray("ranges").addArray().addObject().put("subnet", "10.79.0.0/24");
            config.putObject("runtimeConfig").put("deviceID", "0000:03:02.0");

            killAgentWhileIpamIsHeld(agent, bin, cniPath, netns, config);

            agent.start(); // the next agent
            assertEquals(List.of(), agent.allocatedIps("crash-net"), "address released by the rollback");
            assertEquals(List.of(), agent.checkpointEntries(), "half-done entry removed");
            assertEquals(List.of(), agent.deviceInfoFiles());
            // and the VF is free again
            ObjectNode again = config.deepCopy();
            ((ObjectNode) again.get("ipam")).put("type", "host-local");
            assertEquals(0, agent.shim.run("ADD", "pod2", netns, "net1", cniPath, again.toString()).exit());
            assertEquals(0, agent.shim.run("DEL", "pod2", netns, "net1", cniPath, again.toString()).exit());
        }
    }

    /**
     * A sriov attachment killed after its VF entered the pod: the held plugin is not an address-store one, so
     * it runs once the VF is in the pod namespace, renamed and up. The next agent moves the VF home under its
     * own name with its MAC and MTU, and releases the address.
     */
    @Test
    void killedWithTheVfInThePodIsRolledBackOnRestart() throws Exception {
        try (AgentHarness agent = new AgentHarness(tmp)) {
            String vf = agent.prefix + "v0";
            agent.veth(agent.prefix + "pf", agent.prefix + "pfp");
            agent.veth(vf, agent.prefix + "v0p");
            AgentHarness.ip("link", "set", vf, "address", "02:11:00:00:00:b0", "mtu", "1500");
            agent.sysfs.addPf("0000:03:00.0", agent.prefix + "pf", 4);
            agent.sysfs.addVf("0000:03:00.0", 0, "0000:03:02.0", "iavf", vf);
            Path bin = heldIpam(tmp);
            String cniPath = bin + ":" + AgentHarness.CNI_PATH;
            String netns = agent.netns("p1");
            String nsName = Path.of(netns).getFileName().toString();
            ObjectNode config = JSON.createObjectNode().put("cniVersion", "1.1.0").put("name", "crash-net").put("type", "fastpath")
                    .put("attachment", "sriov").put("mtu", 1400).put("mac", "02:00:00:00:00:c1");
            ObjectNode ipam = config.putObject("ipam").put("type", "held-ipam").put("dataDir", agent.ipamDataDir().toString());
            ipam.putArray("ranges").addArray().addObject().put("subnet", "10.79.0.0/24");
            config.putObject("runtimeConfig").put("deviceID", "0000:03:02.0");

            killAgentWhileIpamIsHeld(agent, bin, cniPath, netns, config);
            assertTrue(AgentHarness.ipQuiet("-n", nsName, "link", "show", "net1"), "the VF was in the pod when the agent died");

            agent.start(); // the next agent
            assertEquals(List.of(), agent.allocatedIps("crash-net"), "address released by the rollback");
            assertEquals(List.of(), agent.checkpointEntries(), "half-done entry removed");
            JsonNode back = JSON.readTree(AgentHarness.ip("-j", "link", "show", "dev", vf)).get(0);
            assertEquals("02:11:00:00:00:b0", back.get("address").asText(), "original MAC restored");
            assertEquals(1500, back.get("mtu").asInt(), "original MTU restored");
            assertTrue(!AgentHarness.ipQuiet("-n", nsName, "link", "show", "net1"), "nothing left in the pod");
        }
    }

    /**
     * Runs the agent as its own process, starts the ADD through the shim, SIGKILLs the agent once the held
     * IPAM plugin has allocated, and checks what the runtime saw (code 11) and what the checkpoint kept.
     */
    private static void killAgentWhileIpamIsHeld(AgentHarness agent, Path bin, String cniPath, String netns, ObjectNode config) throws Exception {
        Process agentProcess = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), CniAgentMain.class.getName(),
                "--socket", agent.config.socket().toString(), "--checkpoint-dir", agent.config.checkpointDir().toString(),
                "--devinfo-dir", agent.config.deviceInfoDir().toString(), "--sysfs", agent.config.sysfsRoot().toString())
                .redirectErrorStream(true).start();
        List<ProcessHandle> children = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(agentProcess.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.contains("ready")) { /* start-up logs */ }
            assertTrue(line != null, "agent process started");
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));

            CompletableFuture<ShimRunner.Outcome> add = CompletableFuture.supplyAsync(
                    () -> agent.shim.run("ADD", "pod1", netns, "net1", cniPath, config.toString()), r -> Thread.ofVirtual().start(r));
            Path allocated = bin.resolve("allocated");
            for (int i = 0; i < 300 && !Files.exists(allocated); i++) Thread.sleep(100);
            assertTrue(Files.exists(allocated), "IPAM allocated");
            assertEquals(1, agent.allocatedIps("crash-net").size());
            children = agentProcess.descendants().toList();
            agentProcess.destroyForcibly(); // SIGKILL: no shutdown hook, no undo
            agentProcess.waitFor(10, TimeUnit.SECONDS);

            ShimRunner.Outcome outcome = add.get(60, TimeUnit.SECONDS);
            assertEquals(11, outcome.code(), outcome.toString());
            List<Path> entries = agent.checkpointEntries();
            assertEquals(1, entries.size());
            JsonNode record = JSON.readTree(entries.getFirst().toFile());
            assertEquals("adding", record.get("state").asText());
        } finally {
            agentProcess.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A wrapper around host-local whose ADD stays open after allocating, so the agent can be killed mid-ADD. */
    private static Path heldIpam(Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("cnibin"));
        Path wrapper = bin.resolve("held-ipam");
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ "$CNI_COMMAND" = ADD ]; then
                  out=$(/usr/lib/cni/host-local); rc=$?
                  touch "$(dirname "$0")/allocated"
                  sleep 30
                  echo "$out"; exit $rc
                fi
                exec /usr/lib/cni/host-local
                """);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
