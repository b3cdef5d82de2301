package dev.fastpath.dataplane.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.SwitchException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node agent's side when no fastpath-switch is listening: clear failures naming the socket, health false. */
class EmbeddedSwitchClientTest {
    @Test
    void aMissingSwitchIsReportedNotHidden(@TempDir Path dir) {
        EmbeddedSwitch client = new EmbeddedSwitch(dir.resolve("switch.sock"));
        SwitchException e = assertThrows(SwitchException.class, client::listPorts);
        assertEquals(SwitchException.Reason.BACKEND_FAILURE, e.reason());
        assertTrue(e.getMessage().contains(dir.resolve("switch.sock").toString()), e.getMessage());
        assertFalse(client.health().healthy());
        assertTrue(client.health().detail().contains("unreachable"), client.health().detail());
    }
}
