package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.testkit.Privileged;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vhost-user requests refused before anything is made (no switch needed: each fails in validation), through the
 * real shim and the agent's server: the right code, a message naming the culprit, nothing allocated or left.
 */
@Privileged
class VhostUserBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir java.nio.file.Path tmp;
    AgentHarness agent;

    @BeforeEach
    void setUp() throws Exception {
        agent = new AgentHarness(tmp).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
    }

    String config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("cniVersion", "1.1.0").put("name", "vhost-net").put("type", "fastpath").put("attachment", "vhost-user");
        ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", agent.ipamDataDir().toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", "10.78.0.0/24");
        return c.toString();
    }

    ShimRunner.Outcome run(String command, String container, String cniArgs, String netns) {
        return agent.shim.run(command, container, netns, "net1", AgentHarness.CNI_PATH, cniArgs, config());
    }

    void assertNothingLeaked() throws Exception {
        assertEquals(List.of(), agent.allocatedIps("vhost-net"));
        assertEquals(List.of(), agent.checkpointEntries());
        assertEquals(List.of(), agent.deviceInfoFiles());
        assertFalse(Files.exists(agent.config.socketsRoot()) && Files.list(agent.config.socketsRoot()).findAny().isPresent(), "socket dirs left");
    }

    @Test
    void refusedRequestsNameTheCulpritAndLeakNothing() throws Exception {
        String netns = agent.netns("p1");
        String longUid = "u".repeat(100);
        ShimRunner.Outcome tooLong = run("ADD", "pod1", "K8S_POD_UID=" + longUid, netns);
        assertEquals(7, tooLong.code(), tooLong.toString());
        String msg = tooLong.json().get("msg").asText();
        assertTrue(msg.contains(agent.config.socketsRoot().resolve(longUid).resolve("net1.sock").toString()) && msg.contains("107"), msg);
        assertNothingLeaked();

        // Without K8S_POD_UID the container id names the directory (and so the too-long path).
        String longContainer = "c".repeat(100);
        ShimRunner.Outcome fallback = run("ADD", longContainer, "K8S_POD_NAMESPACE=default", netns);
        assertEquals(7, fallback.code(), fallback.toString());
        assertTrue(fallback.json().get("msg").asText().contains(agent.config.socketsRoot().resolve(longContainer).toString()), fallback.toString());

        ShimRunner.Outcome unsafe = run("ADD", "pod1", "K8S_POD_UID=../etc", netns);
        assertEquals(7, unsafe.code(), unsafe.toString());
        assertTrue(unsafe.json().get("msg").asText().contains("K8S_POD_UID"), unsafe.toString());

        ShimRunner.Outcome noSwitch = run("ADD", "pod1", "K8S_POD_UID=abc", netns);
        assertEquals(11, noSwitch.code(), noSwitch.toString());
        assertTrue(noSwitch.json().get("msg").asText().contains(agent.config.switchEndpoint().toString()), noSwitch.toString());
        assertNothingLeaked();

        for (int i = 0; i < 2; i++) {
            ShimRunner.Outcome del = run("DEL", "pod1", "K8S_POD_UID=abc", netns);
            assertEquals(0, del.exit(), "DEL of a refused ADD, time " + i + ": " + del);
        }
        assertNothingLeaked();
    }
}
