package dev.fastpath.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodePathsTest {

    private static final String POD_UID = "6f1c3d2e-1111-2222-3333-444455556666";

    @Test
    void defaultsAreTheArchitecturePaths() {
        NodePaths paths = NodePaths.defaults();
        assertEquals(Path.of("/run/fastpath/agent.sock"), paths.agentSocket());
        assertEquals(Path.of("/var/lib/fastpath"), paths.checkpointDir());
        assertEquals(Path.of("/run/fastpath/sockets"), paths.socketDir());
        assertEquals(Path.of("/opt/cni/bin/fastpath"), paths.cniBinary());
        assertEquals(Path.of("/var/run/k8s.cni.cncf.io/devinfo/cni"), paths.devInfoDir());
        assertEquals(Path.of("/run/fastpath/sockets/" + POD_UID + "/net1.sock"), paths.vhostUserSocket(POD_UID, "net1"));
        assertEquals(Path.of("/run/fastpath/sockets/" + POD_UID), paths.podSocketDir(POD_UID));
    }

    @Test
    void underRerootsEveryPath() {
        Path root = Path.of("/tmp/fp-test");
        NodePaths paths = NodePaths.under(root);
        assertEquals(root.resolve("run/fastpath/agent.sock"), paths.agentSocket());
        assertEquals(root.resolve("var/lib/fastpath"), paths.checkpointDir());
        assertEquals(root.resolve("opt/cni/bin/fastpath"), paths.cniBinary());
        assertEquals(root.resolve("run/fastpath/sockets/" + POD_UID + "/net2.sock"), paths.vhostUserSocket(POD_UID, "net2"));
    }

    @Test
    void socketPathsRejectTraversalAndBadNames() {
        NodePaths paths = NodePaths.defaults();
        for (String uid : new String[] {"../etc", "a/b", "", ".."}) {
            var e = assertThrows(IllegalArgumentException.class, () -> paths.vhostUserSocket(uid, "net1"), uid);
            assertTrue(e.getMessage().startsWith("podUid"), e.getMessage());
        }
        for (String ifname : new String[] {"", "net/1", "a-name-longer-than-15", "../x"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> paths.vhostUserSocket(POD_UID, ifname), ifname);
            assertTrue(e.getMessage().startsWith("ifname"), e.getMessage());
        }
    }

    @Test
    void socketPathsThatDoNotFitSunPathAreRejected() {
        NodePaths deep = NodePaths.under(Path.of("/tmp/" + "d".repeat(40)));
        var e = assertThrows(IllegalArgumentException.class, () -> deep.vhostUserSocket(POD_UID, "net1"));
        assertTrue(e.getMessage().contains("more than the 107"), e.getMessage());
        // the default layout leaves room for the longest interface name
        assertTrue(NodePaths.defaults().vhostUserSocket(POD_UID, "a".repeat(15)).toString().length() <= 107);
    }
}
