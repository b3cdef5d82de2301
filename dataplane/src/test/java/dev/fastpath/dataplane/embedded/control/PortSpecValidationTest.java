package dev.fastpath.dataplane.embedded.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.SwitchException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortSpecValidationTest {
    @Test
    void badSpecsAreRefusedNamingTheField() {
        assertInvalid(new PortSpec.VhostUser("bad name", Path.of("/run/a.sock"), PortSpec.VhostMode.CLIENT, 1, 1), "name");
        assertInvalid(new PortSpec.VhostUser("a", Path.of("/run/" + "x".repeat(103)), PortSpec.VhostMode.CLIENT, 1, 1), "socket path is 108 bytes");
        assertInvalid(new PortSpec.VhostUser("a", Path.of("/run/a,b.sock"), PortSpec.VhostMode.CLIENT, 1, 1), "socket");
        assertInvalid(new PortSpec.VhostUser("a", Path.of("/run/a.sock"), PortSpec.VhostMode.CLIENT, 4095, 1), "vlan");
        assertInvalid(new PortSpec.VhostUser("a", Path.of("/run/a.sock"), PortSpec.VhostMode.CLIENT, 1, 4), "queues");
        assertInvalid(new PortSpec.Uplink("up", "eth0"), "device");
        assertInvalid(new PortSpec.Memif("m", Path.of("/run/m.sock"), null, 1), "role");
        assertInvalid(new PortSpec.Kernel("k", Path.of("/run/netns/x"), "a-very-long-ifname", 1), "ifname");
        SwitchEngine.validate(new PortSpec.Uplink("up", "0000:03:00.0"));
        SwitchEngine.validate(new PortSpec.Uplink("up", "net_tap0,iface=fpup0"));
        SwitchEngine.validate(new PortSpec.VhostUser("a", Path.of("/run/" + "x".repeat(102)), PortSpec.VhostMode.SERVER, 0, 1));
    }

    @Test
    void thePortSetSurvivesAWriteAndReadBack(@TempDir Path dir) {
        PortStore store = new PortStore(dir.resolve("ports.json"));
        List<PortSpec> specs = List.of(
                new PortSpec.VhostUser("a", Path.of("/run/a.sock"), PortSpec.VhostMode.CLIENT, 10, 1),
                new PortSpec.Uplink("up", "net_tap0,iface=fpup0"),
                new PortSpec.Memif("m", Path.of("/run/m.sock"), PortSpec.MemifRole.SERVER, 20),
                new PortSpec.Kernel("k", Path.of("/run/netns/p"), "eth1", 30));
        store.save(specs);
        assertEquals(specs, store.load());
        store.save(specs.subList(0, 1));
        assertEquals(specs.subList(0, 1), store.load());
    }

    private static void assertInvalid(PortSpec spec, String fragment) {
        SwitchException e = assertThrows(SwitchException.class, () -> SwitchEngine.validate(spec));
        assertEquals(SwitchException.Reason.INVALID_SPEC, e.reason());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
