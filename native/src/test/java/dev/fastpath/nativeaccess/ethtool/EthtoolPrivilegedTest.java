package dev.fastpath.nativeaccess.ethtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nativeaccess.sysfs.FakeSysfs;
import dev.fastpath.nativeaccess.sysfs.PciAddress;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
import dev.fastpath.testkit.Privileged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Ethtool} against the real kernel: a veth pair in a throwaway namespace. veth has no ntuple support, so
 * every Flow Director call must fail fast with EOPNOTSUPP naming the command and the interface.
 */
@Privileged
class EthtoolPrivilegedTest {
    String tag;
    String ns;
    String veth;
    String peer;
    Ethtool ethtool;

    @BeforeEach
    void namespaceWithVeth() throws Exception {
        tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        ns = "fpet-" + tag;
        veth = "fpet" + tag + "a";
        peer = "fpet" + tag + "b";
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "add", veth, "type", "veth", "peer", "name", peer);
        try (NetNs netns = NetNs.named(ns)) {
            ethtool = Ethtool.open(netns);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ethtool != null) {
            ethtool.close();
        }
        run("ip", "netns", "del", ns);
    }

    @Test
    void driverInfoOfARealVethMatchesEthtool() throws Exception {
        DriverInfo info = ethtool.driverInfo(veth);
        assertEquals("veth", info.driver());
        assertTrue(info.pciAddress().isEmpty());
        String tool = run("ip", "netns", "exec", ns, "ethtool", "-i", veth);
        assertTrue(tool.contains("driver: " + info.driver() + "\n"), tool);
        assertTrue(tool.contains("version: " + info.version() + "\n"), tool);
    }

    @Test
    void namesResolveInTheSocketsNamespace() {
        try (Ethtool host = Ethtool.open()) {
            LinuxException e = assertThrows(LinuxException.class, () -> host.driverInfo(veth));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("ETHTOOL_GDRVINFO " + veth + ": ENODEV (No such device)", e.getMessage());
        }
        LinuxException unknown = assertThrows(LinuxException.class, () -> ethtool.driverInfo("fpnosuch" + tag));
        assertEquals("ETHTOOL_GDRVINFO fpnosuch" + tag + ": ENODEV (No such device)", unknown.getMessage());
    }

    @Test
    void flowDirectorOnAVethFailsFastWithEopnotsupp() {
        FlowRule rule = FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new RuleAction.Queue(3)).at(5);
        expectUnsupported("ETHTOOL_SRXCLSRLINS", () -> ethtool.insertRule(veth, rule));
        expectUnsupported("ETHTOOL_GRXCLSRLCNT", () -> ethtool.ruleCount(veth));
        expectUnsupported("ETHTOOL_GRXCLSRLCNT", () -> ethtool.listRules(veth));
        expectUnsupported("ETHTOOL_GRXCLSRULE", () -> ethtool.getRule(veth, 5));
        expectUnsupported("ETHTOOL_SRXCLSRLDEL", () -> ethtool.deleteRule(veth, 5));
    }

    @Test
    void ntupleIsFixedOffOnAVethAndCannotBeSwitchedOn() {
        FeatureState ntuple = ethtool.ntuple(veth);
        assertEquals(new FeatureState("rx-ntuple-filter", false, false, false, false), ntuple);
        assertFalse(ethtool.ntupleEnabled(veth));
        LinuxException e = assertThrows(LinuxException.class, () -> ethtool.setNtuple(veth, true));
        assertEquals("ETHTOOL_SFEATURES " + veth + " rx-ntuple-filter on: EOPNOTSUPP (Operation not supported): "
                + "the driver has rx-ntuple-filter fixed off", e.getMessage());
        ethtool.setNtuple(veth, false); // already off: nothing to do, no error
    }

    @Test
    void aChangeableFeatureIsSwitchedAndSwitchedBack() throws Exception {
        // tx-nocache-copy is changeable on a veth: proves the SFEATURES path end to end, cross-checked with ethtool -k
        String feature = "tx-nocache-copy";
        FeatureState before = ethtool.feature(veth, feature);
        assertTrue(before.available(), feature + " should be changeable on veth");
        ethtool.setFeature(veth, feature, !before.active());
        assertEquals(!before.active(), ethtool.feature(veth, feature).active());
        String tool = run("ip", "netns", "exec", ns, "ethtool", "-k", veth);
        assertTrue(tool.contains("tx-nocache-copy: " + (before.active() ? "off" : "on")), tool);
        ethtool.setFeature(veth, feature, before.active());
        assertEquals(before.active(), ethtool.feature(veth, feature).active());
    }

    @Test
    void badNamesAndClosedSocketsAreRefusedClearly() {
        assertEquals("invalid interface name 'much-too-long-name0' (1..15 bytes, no '/', ':' or whitespace)",
                assertThrows(IllegalArgumentException.class,
                        () -> ethtool.driverInfo("much-too-long-name0")).getMessage());
        ethtool.close();
        assertThrows(IllegalStateException.class, () -> ethtool.driverInfo(veth));
        ethtool.close(); // idempotent
    }

    @Test
    void manyThreadsShareOneSocket() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = i % 2 == 0 ? veth : peer;
                results.add(pool.submit(() -> ethtool.driverInfo(name).driver()));
            }
            for (Future<String> f : results) {
                assertEquals("veth", f.get());
            }
        }
    }

    @Test
    void virtualThreadsNeedNoSetnsBecauseTheSocketCarriesTheNamespace() throws Exception {
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(virtual.submit(() -> ethtool.driverInfo(veth).driver()));
            }
            for (Future<String> f : results) {
                assertEquals("veth", f.get());
            }
        }
    }

    @Test
    void aFakeVfLinkedToARealVethIsReachedThroughSysfsThenEthtool(@TempDir Path root) {
        PciAddress pf = PciAddress.parse("0000:03:00.0");
        FakeSysfs fake = FakeSysfs.create(root).physicalFunction(pf, "ens1f0", 8).vfNetdevs(pf, veth, peer);
        SriovSysfs sysfs = fake.sysfs();
        sysfs.setNumVfs(pf, 2);
        String vf0Netdev = sysfs.virtualFunction(pf, 0).netdev().orElseThrow();
        assertEquals(veth, vf0Netdev);
        assertEquals("veth", ethtool.driverInfo(vf0Netdev).driver());
        sysfs.bindDriver(FakeSysfs.vfAddress(pf, 0), "vfio-pci");
        assertFalse(sysfs.virtualFunction(pf, 0).netdev().isPresent(), "a vfio-pci VF has no netdev");
    }

    private void expectUnsupported(String command, Executable call) {
        LinuxException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(LinuxException.class, call));
        assertEquals(command + " " + veth + ": EOPNOTSUPP (Operation not supported)", e.getMessage());
        assertEquals(Errno.EOPNOTSUPP, e.errno());
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
