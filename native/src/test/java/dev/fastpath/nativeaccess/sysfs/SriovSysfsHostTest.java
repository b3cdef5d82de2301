package dev.fastpath.nativeaccess.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.testkit.Privileged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link SriovSysfs#system()} on this machine's real /sys (a VM without SR-IOV): discovery reads the real tree, and
 * the kernel's errno on a refused sysfs write reaches the exception. Only harmless writes: a read-only attribute
 * and {@code drivers_probe} of a PCI address that does not exist.
 */
class SriovSysfsHostTest {
    final SriovSysfs sysfs = SriovSysfs.system();

    @Test
    void discoveryMatchesTheRealTree() throws IOException {
        Path devices = Path.of("/sys/bus/pci/devices");
        List<PciAddress> expected;
        try (Stream<Path> all = Files.list(devices)) {
            expected = all.filter(d -> Files.exists(d.resolve("sriov_totalvfs")))
                    .map(d -> PciAddress.parse(d.getFileName().toString())).sorted().toList();
        }
        assertEquals(expected, sysfs.physicalFunctions());
        try (Stream<Path> all = Files.list(devices)) {
            for (Path d : all.toList()) {
                PciDevice device = sysfs.device(PciAddress.parse(d.getFileName().toString()));
                assertEquals(Integer.decode(Files.readString(d.resolve("vendor")).strip()), device.vendorId());
                assertEquals(Integer.decode(Files.readString(d.resolve("device")).strip()), device.deviceId());
                assertEquals(Files.isSymbolicLink(d.resolve("driver")), device.driver().isPresent(), d.toString());
            }
        }
    }

    @Test
    void aNetdevWhoseDeviceIsNotPciIsNamed() throws IOException {
        try (Stream<Path> nets = Files.list(Path.of("/sys/class/net"))) {
            for (Path net : nets.toList()) {
                Path device = net.resolve("device");
                if (!Files.isSymbolicLink(device)) {
                    continue; // lo, veth...: no device at all
                }
                String target = device.toRealPath().getFileName().toString();
                String name = net.getFileName().toString();
                if (target.matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]")) {
                    assertEquals(PciAddress.parse(target), sysfs.pciAddressOf(name));
                } else {
                    LinuxException e = assertThrows(LinuxException.class, () -> sysfs.pciAddressOf(name));
                    assertEquals("sysfs netdev " + name + ": ENODEV (No such device): its device " + target
                            + " is not a PCI function", e.getMessage());
                }
            }
        }
    }

    @Test
    @Privileged
    void theKernelsErrnoOnARefusedWriteReachesTheException() throws IOException {
        LinuxException probe = assertThrows(LinuxException.class,
                () -> SysfsWriter.LIBC.write(Path.of("/sys/bus/pci/drivers_probe"), "0000:ff:1f.7"));
        assertEquals(Errno.ENODEV, probe.errno());
        assertEquals("write /sys/bus/pci/drivers_probe <- '0000:ff:1f.7': ENODEV (No such device)", probe.getMessage());

        Path vendor;
        try (Stream<Path> all = Files.list(Path.of("/sys/bus/pci/devices"))) {
            vendor = all.findFirst().orElseThrow().resolve("vendor");
        }
        LinuxException readOnly = assertThrows(LinuxException.class, () -> SysfsWriter.LIBC.write(vendor, "1"));
        assertEquals(Errno.EACCES, readOnly.errno());
        assertTrue(readOnly.getMessage().startsWith("write " + vendor + " <- '1': EACCES"), readOnly.getMessage());
    }
}
