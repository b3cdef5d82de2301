package dev.fastpath.nodeagent.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.types.AttachmentType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation without root: each bad field or variable gets its code and a message naming it. */
class RequestParserTest {
    static final String GOOD = """
            {"cniVersion":"1.1.0","name":"n","type":"fastpath","attachment":"sriov-dpdk","vlan":10,"vlanQoS":2,
             "runtimeConfig":{"deviceID":"0000:03:02.0","mac":"02:00:00:00:00:01","ips":["10.1.0.5/24","fd00::5/64"]}}""";

    static Map<String, String> env(String command) {
        Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", "abc", "CNI_IFNAME", "net1",
                "CNI_PATH", "/usr/lib/cni"));
        env.put("CNI_NETNS", "/proc/self/ns/net");
        return env;
    }

    static CniException reject(Map<String, String> env, String config) {
        return assertThrows(CniException.class, () -> RequestParser.parse(new AgentRequest(env, config.getBytes(StandardCharsets.UTF_8))));
    }

    static String with(String key, String jsonValue) {
        return GOOD.replaceFirst("\\{", "{\"" + key + "\":" + jsonValue + ",");
    }

    @Test
    void aGoodRequestParses() {
        CniRequest r = RequestParser.parse(new AgentRequest(env("ADD"), GOOD.getBytes()));
        assertEquals(AttachmentType.SRIOV_DPDK, r.attachment());
        assertEquals("0000:03:02.0", r.netConf().effectiveDeviceId());
        assertEquals(1, r.cniPath().size());
    }

    @Test
    void fieldsAreCheckedAndNamed() {
        record Bad(String config, int code, String named) {}
        for (Bad b : new Bad[] {
                new Bad(GOOD.replace("\"vlan\":10", "\"vlan\":5000"), 7, "vlan 5000"),
                new Bad(GOOD.replace("\"vlanQoS\":2", "\"vlanQoS\":9"), 7, "vlanQoS"),
                new Bad(with("vlanProto", "\"802.1x\""), 7, "vlanProto"),
                new Bad(with("spoofchk", "\"maybe\""), 7, "spoofchk"),
                new Bad(with("link_state", "\"up\""), 7, "link_state"),
                new Bad(with("mtu", "40"), 7, "mtu 40"),
                new Bad(GOOD.replace("\"vlan\":10", "\"vlan\":10,\"min_tx_rate\":500,\"max_tx_rate\":100"), 7, "min_tx_rate"),
                new Bad(with("mac", "\"01:00:5e:00:00:01\""), 7, "multicast"),
                new Bad(GOOD.replace("10.1.0.5/24", "10.1.0.500/24"), 7, "runtimeConfig.ips[0]"),
                new Bad(with("vhostUser", "{\"mode\":\"both\"}"), 7, "vhostUser.mode"),
                new Bad(GOOD.replace("\"type\":\"fastpath\"", "\"type\":\"sriov\""), 7, "\"type\""),
                new Bad(GOOD.replace("\"name\":\"n\",", ""), 7, "name"),
                new Bad(GOOD.replace("\"cniVersion\":\"1.1.0\",", ""), 7, "cniVersion"),
                new Bad(with("ipam", "{\"subnet\":\"10.0.0.0/8\"}"), 7, "ipam"),
                new Bad(with("ipam", "{\"type\":\"../../bin/sh\"}"), 7, "ipam.type"),
                new Bad("[1,2]", 6, "not an object"),
                new Bad("", 6, "empty")}) {
            CniException e = reject(env("ADD"), b.config());
            assertEquals(b.code(), e.code(), b.named() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(b.named()), b.named() + " not in: " + e.getMessage());
        }
    }

    @Test
    void environmentIsCheckedPerCommand() {
        Map<String, String> noPath = env("ADD");
        noPath.remove("CNI_PATH");
        assertEquals(4, reject(noPath, with("ipam", "{\"type\":\"host-local\"}")).code());
        Map<String, String> unknown = env("ATTACH");
        assertEquals(4, reject(unknown, GOOD).code());
        assertEquals(1, reject(env("GC"), GOOD.replace("1.1.0", "1.0.0")).code(), "GC needs 1.1.0");
        assertEquals(1, reject(env("CHECK"), GOOD.replace("1.1.0", "0.3.1")).code(), "CHECK needs 0.4.0");
        // DEL needs no netns and GC no container/ifname.
        Map<String, String> del = env("DEL");
        del.remove("CNI_NETNS");
        assertEquals(AttachmentType.SRIOV_DPDK, RequestParser.parse(new AgentRequest(del, GOOD.getBytes())).attachment());
        Map<String, String> gc = new HashMap<>(Map.of("CNI_COMMAND", "GC", "CNI_PATH", "/usr/lib/cni"));
        RequestParser.parse(new AgentRequest(gc, GOOD.getBytes()));
        Map<String, String> notNs = env("ADD");
        notNs.put("CNI_NETNS", "/etc/hostname");
        assertEquals(4, reject(notNs, GOOD).code());
    }

    @Test
    void ifnamesFollowTheKernelRule() {
        for (String ok : new String[] {"net1", "eth0.100", "a", "abcdefghijklmno"}) RequestParser.checkIfname(ok);
        for (String bad : new String[] {"", ".", "..", "abcdefghijklmnop", "a/b", "a:b", "a b", "tab\t"}) {
            assertEquals(4, assertThrows(CniException.class, () -> RequestParser.checkIfname(bad)).code(), bad);
        }
    }
}
