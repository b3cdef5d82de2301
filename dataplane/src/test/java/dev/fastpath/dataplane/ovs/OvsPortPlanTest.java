package dev.fastpath.dataplane.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.PortSpec.VhostMode;
import dev.fastpath.dataplane.SwitchException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The rows a spec becomes, and every refusal, without any OVS: validation happens before OVSDB is touched. */
class OvsPortPlanTest {
    private static final OvsSwitchConfig CONFIG = OvsSwitchConfig.of(Path.of("/run/ovs/db.sock"), "br0")
            .withVhostServerSocketDir(Path.of("/run/ovs"));

    @Test
    void clientPortIsDpdkvhostuserclientWithServerPathAndAccessTag() {
        OvsPortPlan plan = OvsPortPlan.of(new PortSpec.VhostUser("p1", Path.of("/run/s/p1.sock"), VhostMode.CLIENT, 10, 1), CONFIG);
        assertEquals("{\"name\":\"p1\",\"type\":\"dpdkvhostuserclient\",\"options\":[\"map\",[[\"vhost-server-path\",\"/run/s/p1.sock\"]]]}",
                plan.interfaceRow().toString());
        assertEquals("{\"name\":\"p1\",\"vlan_mode\":\"access\",\"tag\":10}", plan.portRow().toString());
    }

    @Test
    void untaggedAccessPortHasNoTagAndUplinkIsATrunk() {
        OvsPortPlan untagged = OvsPortPlan.of(new PortSpec.VhostUser("p0", Path.of("/run/s/p0.sock"), VhostMode.CLIENT, 0, 1), CONFIG);
        assertFalse(untagged.portRow().has("tag"));
        OvsPortPlan uplink = OvsPortPlan.of(new PortSpec.Uplink("up", "0000:03:00.0"), CONFIG);
        assertEquals("{\"name\":\"up\",\"type\":\"dpdk\",\"options\":[\"map\",[[\"dpdk-devargs\",\"0000:03:00.0\"]]]}", uplink.interfaceRow().toString());
        assertEquals("{\"name\":\"up\",\"vlan_mode\":\"trunk\"}", uplink.portRow().toString());
    }

    @Test
    void serverModeOnlyAtTheSocketOvsCreates() {
        OvsPortPlan plan = OvsPortPlan.of(new PortSpec.VhostUser("vm1", Path.of("/run/ovs/vm1"), VhostMode.SERVER, 5, 1), CONFIG);
        assertEquals("dpdkvhostuser", plan.interfaceRow().path("type").asText());
        assertFalse(plan.interfaceRow().has("options"));
        assertRefused("socket:", new PortSpec.VhostUser("vm1", Path.of("/run/elsewhere/vm1.sock"), VhostMode.SERVER, 5, 1), CONFIG);
        assertRefused("mode:", new PortSpec.VhostUser("vm1", Path.of("/run/ovs/vm1"), VhostMode.SERVER, 5, 1),
                OvsSwitchConfig.of(Path.of("/run/ovs/db.sock"), "br0"));
    }

    @Test
    void refusalsNameTheField() {
        Path ok = Path.of("/run/s/x.sock");
        assertRefused("vlan:", new PortSpec.VhostUser("x", ok, VhostMode.CLIENT, 4095, 1), CONFIG);
        assertRefused("vlan:", new PortSpec.VhostUser("x", ok, VhostMode.CLIENT, -1, 1), CONFIG);
        assertRefused("queues:", new PortSpec.VhostUser("x", ok, VhostMode.CLIENT, 1, -2), CONFIG);
        assertRefused("mode:", new PortSpec.VhostUser("x", ok, null, 1, 1), CONFIG);
        assertRefused("socket:", new PortSpec.VhostUser("x", null, VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("socket:", new PortSpec.VhostUser("x", Path.of("relative.sock"), VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("socket:", new PortSpec.VhostUser("x", Path.of("/" + "s".repeat(107)), VhostMode.CLIENT, 1, 1), CONFIG);
        // The limit counts UTF-8 bytes: 107 ASCII bytes pass, "/" + 36 three-byte characters (109 bytes) does not.
        OvsPortPlan.of(new PortSpec.VhostUser("x", Path.of("/" + "s".repeat(106)), VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("socket:", new PortSpec.VhostUser("x", Path.of("/" + "\u20ac".repeat(36)), VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("name:", new PortSpec.VhostUser("", ok, VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("name:", new PortSpec.VhostUser("a/b", ok, VhostMode.CLIENT, 1, 1), CONFIG);
        assertRefused("device:", new PortSpec.Uplink("up", " "), CONFIG);
        assertRefused("type:", new PortSpec.Kernel("k", Path.of("/var/run/netns/p"), "eth1", 1), CONFIG);
        assertRefused("type:", new PortSpec.Memif("m", ok, PortSpec.MemifRole.SERVER, 1), CONFIG);
    }

    private static void assertRefused(String field, PortSpec spec, OvsSwitchConfig config) {
        SwitchException e = assertThrows(SwitchException.class, () -> OvsPortPlan.of(spec, config));
        assertEquals(SwitchException.Reason.INVALID_SPEC, e.reason());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}
