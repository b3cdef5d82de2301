package dev.fastpath.nativeaccess.sysfs;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.InterfaceNames;
import dev.fastpath.nativeaccess.LinuxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SR-IOV and driver binding through sysfs (kernel {@code Documentation/ABI/testing/sysfs-bus-pci}), rooted at a
 * configurable path so tests run against a generated tree.
 *
 * <p>Kernel rules it follows: a non-zero VF count is changed through 0 (the kernel answers EBUSY otherwise); a
 * count above {@code sriov_totalvfs} is refused (the kernel's ERANGE) before anything is written; a VF changes
 * driver by {@code driver_override} + {@code unbind} + {@code drivers_probe}, then the result is read back.
 * Every failure is a {@link LinuxException} naming the attribute or device.
 */
public final class SriovSysfs {
    private static final Pattern VIRTFN = Pattern.compile("virtfn(\\d+)");

    private final Path sys;
    private final Path dev;
    private final SysfsWriter writer;

    private SriovSysfs(Path sys, Path dev, SysfsWriter writer) {
        this.sys = sys;
        this.dev = dev;
        this.writer = writer;
    }

    /** The host: {@code /sys} and {@code /dev}, written through libc. */
    public static SriovSysfs system() {
        return at(Path.of("/sys"), Path.of("/dev"), SysfsWriter.LIBC);
    }

    /** A tree rooted elsewhere (tests, or a host sysfs mounted into a container). */
    public static SriovSysfs at(Path sysRoot, Path devRoot, SysfsWriter writer) {
        return new SriovSysfs(sysRoot, devRoot, writer);
    }

    public Path sysRoot() {
        return sys;
    }

    // ------------------------------------------------------------------ discovery

    /** Every PCI function that can carry VFs (has {@code sriov_totalvfs}), in address order. */
    public List<PciAddress> physicalFunctions() {
        Path devices = sys.resolve("bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(devices)) {
            return entries.filter(d -> Files.exists(d.resolve("sriov_totalvfs")))
                    .map(d -> PciAddress.parse(d.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw ioFailure("list " + devices, e);
        }
    }

    /** vendor, device, NUMA node, driver, netdevs and IOMMU group of one function. */
    public PciDevice device(PciAddress address) {
        Path d = deviceDir(address);
        return new PciDevice(
                address,
                hex(d.resolve("vendor")),
                hex(d.resolve("device")),
                numaNode(d),
                linkName(d.resolve("driver")),
                netdevs(d),
                linkName(d.resolve("iommu_group")).map(Integer::parseInt).map(OptionalInt::of)
                        .orElse(OptionalInt.empty()));
    }

    /** The PCI function behind a netdev ({@code class/net/<ifname>/device}). */
    public PciAddress pciAddressOf(String netdev) {
        Path link = sys.resolve("class/net").resolve(InterfaceNames.check(netdev)).resolve("device");
        if (!Files.isSymbolicLink(link)) {
            throw new LinuxException("sysfs netdev " + netdev, Errno.ENODEV, "no " + link + " (unknown netdev)");
        }
        String target;
        try {
            target = link.toRealPath().getFileName().toString(); // the link is relative, often "../../../<bdf>"
        } catch (IOException e) {
            throw ioFailure("readlink " + link, e);
        }
        try {
            return PciAddress.parse(target);
        } catch (IllegalArgumentException e) {
            throw new LinuxException("sysfs netdev " + netdev, Errno.ENODEV, "its device " + target
                    + " is not a PCI function");
        }
    }

    // ------------------------------------------------------------------ VF count

    public int totalVfs(PciAddress pf) {
        return integer(sriovFile(pf, "sriov_totalvfs"));
    }

    public int numVfs(PciAddress pf) {
        return integer(sriovFile(pf, "sriov_numvfs"));
    }

    /**
     * Makes {@code count} VFs exist on {@code pf}: no write when already so; {@code 0} first when changing one
     * non-zero count to another (the kernel refuses that with EBUSY); refused above {@code sriov_totalvfs}.
     */
    public void setNumVfs(PciAddress pf, int count) {
        String operation = "sriov_numvfs " + pf + " <- " + count;
        if (count < 0) {
            throw new IllegalArgumentException(operation + ": a VF count cannot be negative");
        }
        Path file = sriovFile(pf, "sriov_numvfs");
        int total = totalVfs(pf);
        if (count > total) {
            throw new LinuxException(operation, Errno.ERANGE, "sriov_totalvfs is " + total);
        }
        int current = integer(file);
        if (current == count) {
            return;
        }
        if (current != 0 && count != 0) {
            write(file, "0");
            try {
                write(file, Integer.toString(count));
            } catch (LinuxException e) {
                throw new LinuxException(operation, e.errno(), "the PF now has 0 VFs (was " + current + "); "
                        + e.getMessage(), e);
            }
        } else {
            write(file, Integer.toString(count));
        }
        int now = integer(file);
        if (now != count) {
            throw new LinuxException(operation, Errno.EIO, "the kernel reports " + now + " VFs afterwards");
        }
    }

    /**
     * {@code sriov_drivers_autoprobe}: write false before enabling VFs to keep new VFs unbound (no iavf netdevs
     * appear), e.g. when they all go to vfio-pci.
     */
    public void setDriversAutoprobe(PciAddress pf, boolean autoprobe) {
        write(sriovFile(pf, "sriov_drivers_autoprobe"), autoprobe ? "1" : "0");
    }

    // ------------------------------------------------------------------ VFs

    /** The enabled VFs of {@code pf} ({@code virtfnN} links), by index. */
    public List<VirtualFunction> virtualFunctions(PciAddress pf) {
        Path pfDir = sriovFile(pf, "sriov_totalvfs").getParent();
        List<VirtualFunction> vfs = new ArrayList<>();
        for (int index : virtfnIndexes(pfDir)) {
            vfs.add(virtualFunction(pf, index));
        }
        return vfs;
    }

    /** VF {@code index} of {@code pf}; the error says how many VFs exist. */
    public VirtualFunction virtualFunction(PciAddress pf, int index) {
        Path pfDir = sriovFile(pf, "sriov_totalvfs").getParent();
        Optional<String> target = linkName(pfDir.resolve("virtfn" + index));
        if (index < 0 || target.isEmpty()) {
            List<Integer> present = virtfnIndexes(pfDir);
            throw new LinuxException("VF " + index + " of " + pf, Errno.ENOENT,
                    present.isEmpty() ? "the PF has no VFs enabled"
                            : "the PF has " + present.size() + " VFs (virtfn" + present.getFirst() + "..virtfn"
                                    + present.getLast() + ")");
        }
        return new VirtualFunction(pf, index, device(PciAddress.parse(target.get())));
    }

    /** The VF at a PCI address, with its PF and index ({@code physfn} and the PF's matching {@code virtfnN}). */
    public VirtualFunction virtualFunctionAt(PciAddress vf) {
        PciAddress pf = physicalFunctionOf(vf).orElseThrow(() -> new LinuxException(
                "VF " + vf, Errno.ENODEV, "not a virtual function (no physfn link)"));
        Path pfDir = deviceDir(pf);
        for (int index : virtfnIndexes(pfDir)) {
            if (linkName(pfDir.resolve("virtfn" + index)).map(PciAddress::parse).filter(vf::equals).isPresent()) {
                return new VirtualFunction(pf, index, device(vf));
            }
        }
        throw new LinuxException("VF " + vf, Errno.ENOENT, "its PF " + pf + " has no virtfn link to it");
    }

    /** The PF of a VF ({@code physfn}); empty for a function that is not a VF. */
    public Optional<PciAddress> physicalFunctionOf(PciAddress vf) {
        return linkName(deviceDir(vf).resolve("physfn")).map(PciAddress::parse);
    }

    // ------------------------------------------------------------------ drivers and vfio

    /**
     * Binds a function to {@code driver} (e.g. {@code vfio-pci} or {@code iavf}) the way the kernel documents:
     * {@code driver_override}, {@code unbind} from the current driver, {@code drivers_probe}; then reads the
     * {@code driver} link back and clears the override. No write when already bound to that driver.
     */
    public void bindDriver(PciAddress address, String driver) {
        String operation = "bind " + address + " to " + driver;
        Path d = deviceDir(address);
        if (!Files.isDirectory(sys.resolve("bus/pci/drivers").resolve(driver))) {
            throw new LinuxException(operation, Errno.ENOENT,
                    "driver " + driver + " is not loaded (no " + sys.resolve("bus/pci/drivers").resolve(driver) + ")");
        }
        Optional<String> current = linkName(d.resolve("driver"));
        if (current.equals(Optional.of(driver))) {
            return;
        }
        write(d.resolve("driver_override"), driver);
        try {
            if (current.isPresent()) {
                write(sys.resolve("bus/pci/drivers").resolve(current.get()).resolve("unbind"), address.toString());
            }
            write(sys.resolve("bus/pci/drivers_probe"), address.toString());
            Optional<String> now = linkName(d.resolve("driver"));
            if (!now.equals(Optional.of(driver))) {
                throw new LinuxException(operation, Errno.EIO,
                        now.map(n -> "the device is bound to " + n + " instead").orElse("the device stayed unbound"));
            }
        } finally {
            // An override left behind would keep every later probe (a PF reset, a module reload) on this driver.
            write(d.resolve("driver_override"), "\n");
        }
    }

    /** {@code /dev/vfio/<group>}: what a DPDK pod or VM gets for a vfio-pci bound function. */
    public Optional<Path> vfioGroupDevice(PciAddress address) {
        OptionalInt group = device(address).iommuGroup();
        return group.isPresent() ? Optional.of(dev.resolve("vfio").resolve(Integer.toString(group.getAsInt())))
                : Optional.empty();
    }

    /**
     * Every function in the same IOMMU group ({@code iommu_group/devices}), this one included. vfio hands out a
     * group only when all of its members are bound to vfio-pci or unbound.
     */
    public List<PciAddress> iommuGroupMembers(PciAddress address) {
        Path devices = deviceDir(address).resolve("iommu_group").resolve("devices");
        if (!Files.isDirectory(devices)) {
            throw new LinuxException("IOMMU group of " + address, Errno.ENOENT, "no iommu_group (IOMMU off?)");
        }
        try (Stream<Path> members = Files.list(devices)) {
            return members.map(p -> PciAddress.parse(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw ioFailure("list " + devices, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Path deviceDir(PciAddress address) {
        Path d = sys.resolve("bus/pci/devices").resolve(address.toString());
        if (!Files.isDirectory(d)) {
            throw new LinuxException("PCI device " + address, Errno.ENODEV, "no " + d);
        }
        return d;
    }

    private Path sriovFile(PciAddress pf, String name) {
        Path d = deviceDir(pf);
        if (!Files.exists(d.resolve("sriov_totalvfs"))) {
            throw new LinuxException(name + " " + pf, Errno.ENOENT,
                    "not an SR-IOV physical function (no sriov_totalvfs)");
        }
        return d.resolve(name);
    }

    private static List<Integer> virtfnIndexes(Path pfDir) {
        try (Stream<Path> entries = Files.list(pfDir)) {
            return entries.map(p -> VIRTFN.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw ioFailure("list " + pfDir, e);
        }
    }

    private static List<String> netdevs(Path deviceDir) {
        Path net = deviceDir.resolve("net");
        if (!Files.isDirectory(net)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(net)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw ioFailure("list " + net, e);
        }
    }

    private static OptionalInt numaNode(Path deviceDir) {
        Path f = deviceDir.resolve("numa_node");
        if (!Files.exists(f)) {
            return OptionalInt.empty();
        }
        int node = integer(f);
        return node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
    }

    /** Basename of a symlink's target, empty if there is no such link. */
    private static Optional<String> linkName(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
        } catch (IOException e) {
            throw ioFailure("readlink " + link, e);
        }
    }

    private static int integer(Path file) {
        String text = read(file);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LinuxException("read " + file, Errno.EINVAL, "not a number: '" + text + "'");
        }
    }

    private static int hex(Path file) {
        String text = read(file);
        try {
            return Integer.parseInt(text.startsWith("0x") ? text.substring(2) : text, 16);
        } catch (NumberFormatException e) {
            throw new LinuxException("read " + file, Errno.EINVAL, "not a hex id: '" + text + "'");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            throw new LinuxException("read " + file, Errno.ENOENT);
        } catch (IOException e) {
            throw ioFailure("read " + file, e);
        }
    }

    private void write(Path file, String value) {
        writer.write(file, value);
    }

    private static LinuxException ioFailure(String operation, IOException e) {
        return new LinuxException(operation, Errno.EIO, e.getMessage(), e);
    }
}
