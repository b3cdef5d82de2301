package dev.fastpath.dataplane.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.embedded.control.PortStore;
import dev.fastpath.dataplane.embedded.dpdk.Hugepages;
import java.util.List;
import dev.fastpath.testkit.DataPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * fastpath-switch refuses to start with a reason: missing hugepages (checked before EAL) and an EAL init failure;
 * a persisted port that cannot come back is reported, not silently dropped.
 */
@DataPlane(hugepages = 128, commands = {})
class SwitchStartupFailureTest {
    private Path dir;
    private SwitchProcess sw;

    @AfterEach
    void cleanup() throws Exception {
        if (sw != null) {
            sw.close();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void tooFewHugepagesIsNamedBeforeDpdkStarts() throws Exception {
        dir = Files.createTempDirectory("fpemb");
        sw = new SwitchProcess(dir, "fpemb-hp-" + ProcessHandle.current().pid());
        int tooMany = (Hugepages.total() + 10) * 2;
        Process p = sw.launch("--memory-mb", Integer.toString(tooMany));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), sw.output());
        String out = sw.output();
        assertTrue(out.contains("not enough free 2 MiB hugepages: the switch needs " + (tooMany / 2)), out);
        assertTrue(out.contains("are free"), out);
    }

    @Test
    void aPersistedPortThatCannotBeRestoredIsReportedAndKeptUntilRemoved() throws Exception {
        dir = Files.createTempDirectory("fpemb");
        sw = new SwitchProcess(dir, "fpemb-ur-" + ProcessHandle.current().pid());
        new PortStore(sw.state).save(List.of(new PortSpec.Uplink("gone", "net_nosuchdriver0")));
        sw.start();
        EmbeddedSwitch client = sw.client();
        assertTrue(sw.output().contains("failed=[gone: "), sw.output());
        assertFalse(client.health().healthy());
        assertTrue(client.health().detail().contains("[gone]"), client.health().detail());
        assertEquals(List.of(), client.listPorts());

        // another port is added: the unrestored one stays in the persisted set
        client.addPort(new PortSpec.VhostUser("v", dir.resolve("v.sock"), PortSpec.VhostMode.CLIENT, 5, 1));
        assertEquals(List.of("v", "gone"), new PortStore(sw.state).load().stream().map(PortSpec::name).toList());
        client.removePort("gone");
        assertEquals(List.of("v"), new PortStore(sw.state).load().stream().map(PortSpec::name).toList());
        assertTrue(client.health().healthy(), client.health().detail());
    }

    @Test
    void anEalInitFailureNamesRteErrnoAndShowsTheEalLog() throws Exception {
        dir = Files.createTempDirectory("fpemb");
        sw = new SwitchProcess(dir, "fpemb-ei-" + ProcessHandle.current().pid());
        // an EAL option that does not exist
        Process p = sw.launch("--eal-arg", "--no-such-eal-option");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), sw.output());
        String out = sw.output();
        assertTrue(out.contains("rte_eal_init"), out);
        assertTrue(out.contains("rte_errno"), out);
        assertTrue(out.contains("EAL log"), out);
    }

    /** Bad PMD core lists are refused before DPDK starts (exit 2), naming the option and the CPU. */
    @Test
    void badPmdCoreListsAreNamed() throws Exception {
        dir = Files.createTempDirectory("fpemb");
        sw = new SwitchProcess(dir, "fpemb-pc-" + ProcessHandle.current().pid());
        int offline = Runtime.getRuntime().availableProcessors() + 100;
        assertRefused(List.of("--pmd-cores", "0,0"), "--pmd-cores lists CPU 0 twice");
        assertRefused(List.of("--pmd-cores", "0," + offline), "--pmd-cores: CPU " + offline + " is not online");
        assertRefused(List.of("--pmd-core", Integer.toString(offline)), "--pmd-core: CPU " + offline + " is not online");
        assertRefused(List.of("--pmd-cores", ""), "--pmd-cores needs at least one CPU");
        assertRefused(List.of("--pmd-cores", "0,x"), "--pmd-cores must be CPU numbers");
        assertFalse(Files.exists(Path.of("/var/run/dpdk", sw.filePrefix)), "EAL never started");
    }

    private void assertRefused(List<String> args, String message) throws Exception {
        Process p = sw.launch(args.toArray(String[]::new));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), sw.output());
        assertTrue(sw.output().contains(message), "expected '" + message + "' in: " + sw.output());
    }
}
