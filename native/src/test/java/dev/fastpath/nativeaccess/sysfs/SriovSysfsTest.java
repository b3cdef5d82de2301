package dev.fastpath.nativeaccess.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SriovSysfs} against a generated tree whose fixture plays the kernel's part for every write. */
class SriovSysfsTest {
    static final PciAddress PF = PciAddress.parse("0000:03:00.0");
    static final PciAddress PF2 = PciAddress.parse("0000:03:00.1");
    static final PciAddress VIRTIO = PciAddress.parse("0000:00:03.0");

    @TempDir
    Path root;

    FakeSysfs fake;
    SriovSysfs sysfs;

    @BeforeEach
    void tree() {
        fake = FakeSysfs.create(root)
                .physicalFunction(PF, "ens1f0", 64)
                .physicalFunction(PF2, "ens1f1", 8)
                .plainDevice(VIRTIO, 0x1af4, 0x1000, "eth0")
                .vfNetdevs(PF, "fpvf0", "fpvf1", "fpvf2", "fpvf3");
        sysfs = fake.sysfs();
    }

    @Test
    void findsPhysicalFunctionsAndDescribesThem() {
        assertEquals(List.of(PF, PF2), sysfs.physicalFunctions());
        PciDevice pf = sysfs.device(PF);
        assertEquals(0x8086, pf.vendorId());
        assertEquals(0x1583, pf.deviceId());
        assertEquals(OptionalInt.of(0), pf.numaNode());
        assertEquals(Optional.of("i40e"), pf.driver());
        assertEquals(List.of("ens1f0"), pf.netdevs());
        assertEquals(64, sysfs.totalVfs(PF));
        assertEquals(0, sysfs.numVfs(PF));
        assertEquals(PF2, sysfs.pciAddressOf("ens1f1"));
        assertEquals(OptionalInt.empty(), sysfs.device(VIRTIO).numaNode(), "numa_node -1 means no affinity");
    }

    @Test
    void enablingVfsWritesTheCountOnceAndEnumeratesThem() {
        sysfs.setNumVfs(PF, 4);

        assertEquals(List.of("bus/pci/devices/0000:03:00.0/sriov_numvfs=4"), fake.writes());
        assertEquals(4, sysfs.numVfs(PF));
        List<VirtualFunction> vfs = sysfs.virtualFunctions(PF);
        assertEquals(4, vfs.size());
        for (int i = 0; i < 4; i++) {
            VirtualFunction vf = vfs.get(i);
            assertEquals(i, vf.index());
            assertEquals(PF, vf.physicalFunction());
            assertEquals(PciAddress.parse("0000:03:02." + i), vf.address());
            assertEquals(0x154c, vf.device().deviceId());
            assertEquals(Optional.of("iavf"), vf.driver());
            assertEquals(Optional.of("fpvf" + i), vf.netdev());
            assertTrue(vf.device().iommuGroup().isPresent());
            assertEquals(Optional.of(PF), sysfs.physicalFunctionOf(vf.address()));
            assertEquals(vf, sysfs.virtualFunctionAt(vf.address()));
            assertEquals(vf.address(), sysfs.pciAddressOf("fpvf" + i));
        }
    }

    @Test
    void changingANonZeroCountGoesThroughZero() {
        sysfs.setNumVfs(PF, 4);
        fake.clearWrites();

        sysfs.setNumVfs(PF, 2);

        assertEquals(List.of("bus/pci/devices/0000:03:00.0/sriov_numvfs=0", "bus/pci/devices/0000:03:00.0/sriov_numvfs=2"),
                fake.writes());
        assertEquals(2, sysfs.virtualFunctions(PF).size());
        assertFalse(Files.exists(fake.sysRoot().resolve("bus/pci/devices/0000:03:02.3")), "VF 3 is gone");
        assertFalse(Files.exists(fake.sysRoot().resolve("class/net/fpvf3")), "and so is its netdev");
    }

    @Test
    void theSameCountWritesNothingAndZeroDisablesAll() {
        sysfs.setNumVfs(PF, 3);
        fake.clearWrites();
        sysfs.setNumVfs(PF, 3);
        assertEquals(List.of(), fake.writes());

        sysfs.setNumVfs(PF, 0);
        assertEquals(List.of("bus/pci/devices/0000:03:00.0/sriov_numvfs=0"), fake.writes());
        assertEquals(List.of(), sysfs.virtualFunctions(PF));
    }

    @Test
    void theFixtureEnforcesTheKernelsEbusyRuleTheFacadeAvoids() {
        sysfs.setNumVfs(PF, 2);
        Path numvfs = fake.sysRoot().resolve("bus/pci/devices/0000:03:00.0/sriov_numvfs");
        LinuxException e = assertThrows(LinuxException.class, () -> fake.write(numvfs, "3"));
        assertEquals(Errno.EBUSY, e.errno());
        assertEquals(2, sysfs.numVfs(PF));
    }

    @Test
    void aDriverRefusalAfterTheZeroWriteSaysTheVfsAreGone() {
        sysfs.setNumVfs(PF, 4);
        fake.pfDriverAllowsAtMost(4).clearWrites();
        LinuxException e = assertThrows(LinuxException.class, () -> sysfs.setNumVfs(PF, 6));
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("sriov_numvfs 0000:03:00.0 <- 6: EPERM (Operation not permitted): "
                + "the PF now has 0 VFs (was 4); write "), e.getMessage());
        assertEquals(List.of("bus/pci/devices/0000:03:00.0/sriov_numvfs=0", "bus/pci/devices/0000:03:00.0/sriov_numvfs=6"),
                fake.writes());
        assertEquals(0, sysfs.numVfs(PF));
    }

    @Test
    void aPfWithoutItsDriverCannotEnableVfs() throws Exception {
        Files.delete(fake.sysRoot().resolve("bus/pci/devices/0000:03:00.0/driver"));
        LinuxException e = assertThrows(LinuxException.class, () -> sysfs.setNumVfs(PF, 2));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("sriov_numvfs <- '2'"), e.getMessage());
    }

    @Test
    void aCountAboveTotalVfsIsRefusedBeforeAnyWrite() {
        LinuxException e = assertThrows(LinuxException.class, () -> sysfs.setNumVfs(PF2, 9));
        assertEquals(Errno.ERANGE, e.errno());
        assertEquals("sriov_numvfs 0000:03:00.1 <- 9: ERANGE (Numerical result out of range): sriov_totalvfs is 8",
                e.getMessage());
        assertEquals(List.of(), fake.writes());
        assertThrows(IllegalArgumentException.class, () -> sysfs.setNumVfs(PF2, -1));
    }

    @Test
    void badInputGetsSpecificErrors() {
        LinuxException unknown = assertThrows(LinuxException.class,
                () -> sysfs.device(PciAddress.parse("0000:99:00.0")));
        assertEquals(Errno.ENODEV, unknown.errno());
        assertTrue(unknown.getMessage().startsWith("PCI device 0000:99:00.0: ENODEV"), unknown.getMessage());

        LinuxException noSriov = assertThrows(LinuxException.class, () -> sysfs.setNumVfs(VIRTIO, 1));
        assertEquals("sriov_numvfs 0000:00:03.0: ENOENT (No such file or directory): "
                + "not an SR-IOV physical function (no sriov_totalvfs)", noSriov.getMessage());

        LinuxException noVfs = assertThrows(LinuxException.class, () -> sysfs.virtualFunction(PF, 0));
        assertEquals("VF 0 of 0000:03:00.0: ENOENT (No such file or directory): the PF has no VFs enabled",
                noVfs.getMessage());
        sysfs.setNumVfs(PF, 4);
        LinuxException outOfRange = assertThrows(LinuxException.class, () -> sysfs.virtualFunction(PF, 4));
        assertEquals("VF 4 of 0000:03:00.0: ENOENT (No such file or directory): the PF has 4 VFs (virtfn0..virtfn3)",
                outOfRange.getMessage());
        assertThrows(LinuxException.class, () -> sysfs.virtualFunction(PF, -1));

        LinuxException notVf = assertThrows(LinuxException.class, () -> sysfs.virtualFunctionAt(PF));
        assertEquals("VF 0000:03:00.0: ENODEV (No such device): not a virtual function (no physfn link)",
                notVf.getMessage());
        LinuxException noNetdev = assertThrows(LinuxException.class, () -> sysfs.pciAddressOf("nosuch0"));
        assertEquals(Errno.ENODEV, noNetdev.errno());
        assertTrue(noNetdev.getMessage().startsWith("sysfs netdev nosuch0:"), noNetdev.getMessage());

        IllegalArgumentException badAddress =
                assertThrows(IllegalArgumentException.class, () -> PciAddress.parse("03:02"));
        assertTrue(badAddress.getMessage().contains("'03:02'"));
    }

    @Test
    void rebindingAVfToVfioPciAndBack() {
        sysfs.setNumVfs(PF, 2);
        PciAddress vf1 = sysfs.virtualFunction(PF, 1).address();
        fake.clearWrites();

        sysfs.bindDriver(vf1, "vfio-pci");

        assertEquals(List.of(
                "bus/pci/devices/0000:03:02.1/driver_override=vfio-pci",
                "bus/pci/drivers/iavf/unbind=0000:03:02.1",
                "bus/pci/drivers_probe=0000:03:02.1",
                "bus/pci/devices/0000:03:02.1/driver_override=\\n"), fake.writes());
        VirtualFunction now = sysfs.virtualFunction(PF, 1);
        assertEquals(Optional.of("vfio-pci"), now.driver());
        assertEquals(List.of(), now.device().netdevs(), "a vfio-pci VF has no netdev");
        int group = now.device().iommuGroup().orElseThrow();
        assertEquals(Optional.of(fake.devRoot().resolve("vfio/" + group)), sysfs.vfioGroupDevice(vf1));
        assertEquals(List.of(vf1), sysfs.iommuGroupMembers(vf1), "an XL710 VF sits alone in its group");
        LinuxException noGroup = assertThrows(LinuxException.class, () -> sysfs.iommuGroupMembers(PF));
        assertEquals(Errno.ENOENT, noGroup.errno());
        assertEquals(Optional.of("iavf"), sysfs.virtualFunction(PF, 0).driver(), "VF 0 untouched");

        fake.clearWrites();
        sysfs.bindDriver(vf1, "iavf");
        assertEquals(List.of(
                "bus/pci/devices/0000:03:02.1/driver_override=iavf",
                "bus/pci/drivers/vfio-pci/unbind=0000:03:02.1",
                "bus/pci/drivers_probe=0000:03:02.1",
                "bus/pci/devices/0000:03:02.1/driver_override=\\n"), fake.writes());
        assertEquals(Optional.of("fpvf1"), sysfs.virtualFunction(PF, 1).netdev(), "the netdev is back");

        fake.clearWrites();
        sysfs.bindDriver(vf1, "iavf");
        assertEquals(List.of(), fake.writes(), "already bound: nothing written");
    }

    @Test
    void vfsCreatedWithoutAutoprobeAreBoundWithoutAnUnbind() {
        sysfs.setDriversAutoprobe(PF, false);
        sysfs.setNumVfs(PF, 1);
        PciAddress vf0 = sysfs.virtualFunction(PF, 0).address();
        assertEquals(Optional.empty(), sysfs.virtualFunction(PF, 0).driver());
        fake.clearWrites();

        sysfs.bindDriver(vf0, "vfio-pci");

        assertEquals(List.of(
                "bus/pci/devices/0000:03:02.0/driver_override=vfio-pci",
                "bus/pci/drivers_probe=0000:03:02.0",
                "bus/pci/devices/0000:03:02.0/driver_override=\\n"), fake.writes());
        assertEquals(Optional.of("vfio-pci"), sysfs.device(vf0).driver());
    }

    @Test
    void bindingToADriverThatIsNotLoadedWritesNothing() {
        sysfs.setNumVfs(PF, 1);
        fake.clearWrites();
        LinuxException e = assertThrows(LinuxException.class,
                () -> sysfs.bindDriver(FakeSysfs.vfAddress(PF, 0), "uio_pci_generic"));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("bind 0000:03:02.0 to uio_pci_generic: ENOENT"), e.getMessage());
        assertTrue(e.getMessage().contains("is not loaded"), e.getMessage());
        assertEquals(List.of(), fake.writes());
    }

    @Test
    void aProbeThatDoesNotBindIsReportedAndTheOverrideCleared() {
        sysfs.setNumVfs(PF, 1);
        PciAddress vf0 = FakeSysfs.vfAddress(PF, 0);
        // A driver whose probe does not take the device: the fixture binds only loaded drivers, so removing
        // vfio-pci between the check and the probe is what a module unload race looks like.
        SriovSysfs racing = SriovSysfs.at(fake.sysRoot(), fake.devRoot(), (file, value) -> {
            if (file.getFileName().toString().equals("drivers_probe")) {
                deleteDir(fake.sysRoot().resolve("bus/pci/drivers/vfio-pci"));
            }
            fake.write(file, value);
        });
        LinuxException e = assertThrows(LinuxException.class, () -> racing.bindDriver(vf0, "vfio-pci"));
        assertEquals("bind 0000:03:02.0 to vfio-pci: EIO (Input/output error): the device stayed unbound",
                e.getMessage());
        assertEquals("bus/pci/devices/0000:03:02.0/driver_override=\\n", fake.writes().getLast());
    }

    private static void deleteDir(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(dir);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
