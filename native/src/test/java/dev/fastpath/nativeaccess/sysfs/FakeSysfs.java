package dev.fastpath.nativeaccess.sysfs;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A generated sysfs tree (TESTING.md "Emulated SR-IOV") that also plays the kernel's part for the writes
 * {@link SriovSysfs} makes, synchronously, as the {@link SysfsWriter} of the facade under test:
 * <ul>
 *   <li>{@code sriov_numvfs}: ERANGE above {@code sriov_totalvfs}, EBUSY for non-zero to another non-zero, creates
 *       or removes {@code virtfnN}/{@code physfn}, the VF device dirs, IOMMU groups, and probes new VFs when
 *       {@code sriov_drivers_autoprobe} is 1;</li>
 *   <li>{@code drivers/<d>/unbind}: ENODEV unless bound to d, removes {@code driver} and the netdev;</li>
 *   <li>{@code drivers_probe} and {@code drivers/<d>/bind}: bind honouring {@code driver_override} (else the
 *       device id's default driver), an iavf-bound VF gets its netdev back;</li>
 *   <li>{@code driver_override}: an empty write reads back as {@code (null)}.</li>
 * </ul>
 * Each value really goes to the file through {@link SysfsWriter#LIBC} first, and every write is recorded in
 * order. VF netdevs can be given real names (a veth end created by the test) so netlink work runs on them.
 *
 * <p>Test-only and reusable: other modules' tests that need an SR-IOV host could take it from a testkit later.
 */
public final class FakeSysfs implements SysfsWriter {
    public static final int INTEL = 0x8086;
    public static final int XL710_PF = 0x1583;
    public static final int XL710_VF = 0x154c;

    private final Path sys;
    private final Path dev;
    private final List<String> writes = new ArrayList<>();
    private final Map<PciAddress, List<String>> vfNetdevNames = new HashMap<>();
    private final Map<Integer, String> defaultDrivers = new HashMap<>(Map.of(XL710_PF, "i40e", XL710_VF, "iavf"));
    private int nextIommuGroup = 40;
    private int maxVfsThePfDriverAllows = Integer.MAX_VALUE;

    private FakeSysfs(Path root) {
        this.sys = root.resolve("sys");
        this.dev = root.resolve("dev");
        mkdirs(sys.resolve("bus/pci/devices"));
        mkdirs(sys.resolve("class/net"));
        mkdirs(sys.resolve("kernel/iommu_groups"));
        mkdirs(dev.resolve("vfio"));
        file(sys.resolve("bus/pci/drivers_probe"), "");
    }

    /** A tree under {@code root/sys} (and {@code root/dev}) with the i40e, iavf and vfio-pci drivers loaded. */
    public static FakeSysfs create(Path root) {
        return new FakeSysfs(root).driver("i40e").driver("iavf").driver("vfio-pci");
    }

    /** The facade under test, rooted at this tree with this fixture as its writer. */
    public SriovSysfs sysfs() {
        return SriovSysfs.at(sys, dev, this);
    }

    public Path sysRoot() {
        return sys;
    }

    public Path devRoot() {
        return dev;
    }

    /** A loaded driver: {@code bus/pci/drivers/<name>/{bind,unbind,new_id,remove_id}}. */
    public FakeSysfs driver(String name) {
        Path d = sys.resolve("bus/pci/drivers").resolve(name);
        mkdirs(d);
        for (String f : List.of("bind", "unbind", "new_id", "remove_id")) {
            file(d.resolve(f), "");
        }
        return this;
    }

    /** An XL710 PF (8086:1583, bound to i40e, NUMA node 0) with netdev {@code pfNetdev}. */
    public FakeSysfs physicalFunction(PciAddress pf, String pfNetdev, int totalVfs) {
        Path d = device(pf, INTEL, XL710_PF, 0);
        file(d.resolve("sriov_totalvfs"), totalVfs + "\n");
        file(d.resolve("sriov_numvfs"), "0\n");
        file(d.resolve("sriov_drivers_autoprobe"), "1\n");
        file(d.resolve("sriov_offset"), "16\n");
        file(d.resolve("sriov_stride"), "1\n");
        file(d.resolve("sriov_vf_device"), Integer.toHexString(XL710_VF) + "\n");
        link(d.resolve("driver"), sys.resolve("bus/pci/drivers/i40e"));
        addNetdev(d, pfNetdev);
        return this;
    }

    /** A function without SR-IOV (e.g. the VM's virtio NIC). */
    public FakeSysfs plainDevice(PciAddress address, int vendor, int device, String netdev) {
        Path d = device(address, vendor, device, -1);
        if (netdev != null) {
            addNetdev(d, netdev);
        }
        return this;
    }

    /** Names the netdevs VFs of {@code pf} get when bound to iavf: VF i is {@code names[i]} (e.g. real veths). */
    public FakeSysfs vfNetdevs(PciAddress pf, String... names) {
        vfNetdevNames.put(pf, List.of(names));
        return this;
    }

    /** Makes the PF driver refuse more than {@code max} VFs with EPERM, as i40e does beyond the firmware's num_vfs. */
    public FakeSysfs pfDriverAllowsAtMost(int max) {
        maxVfsThePfDriverAllows = max;
        return this;
    }

    /** Every write so far, in order: {@code <path under sys>=<value>} with a newline shown as {@code \n}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public void clearWrites() {
        writes.clear();
    }

    /** The address VF {@code index} of {@code pf} gets: offset 16, stride 1, as on an XL710. */
    public static PciAddress vfAddress(PciAddress pf, int index) {
        int devfn = (pf.device() << 3 | pf.function()) + 16 + index;
        return new PciAddress(pf.domain(), pf.bus() + (devfn >> 8), (devfn >> 3) & 0x1f, devfn & 7);
    }

    // ------------------------------------------------------------------ the kernel's part

    @Override
    public void write(Path file, String value) {
        writes.add(sys.relativize(file) + "=" + value.replace("\n", "\\n"));
        String name = file.getFileName().toString();
        String arg = value.strip();
        switch (name) {
            case "sriov_numvfs" -> numVfsStore(file, arg);
            case "unbind" -> unbindStore(file, arg);
            case "bind" -> bindStore(file, arg);
            case "drivers_probe" -> probeStore(file, arg);
            case "driver_override" -> {
                SysfsWriter.LIBC.write(file, value);
                if (arg.isEmpty()) {
                    file(file, "(null)\n");
                }
            }
            default -> SysfsWriter.LIBC.write(file, value);
        }
    }

    private void numVfsStore(Path file, String arg) {
        Path pfDir = file.getParent();
        PciAddress pf = PciAddress.parse(pfDir.getFileName().toString());
        int wanted = Integer.parseInt(arg);
        int total = Integer.parseInt(read(pfDir.resolve("sriov_totalvfs")));
        int current = Integer.parseInt(read(file));
        String op = "write " + file + " <- '" + arg + "'";
        if (wanted > total) {
            throw new LinuxException(op, Errno.ERANGE);
        }
        if (wanted == current) {
            return;
        }
        if (!Files.isSymbolicLink(pfDir.resolve("driver"))) {
            throw new LinuxException(op, Errno.ENOENT); // no PF driver, no sriov_configure
        }
        if (current != 0 && wanted != 0) {
            throw new LinuxException(op, Errno.EBUSY);
        }
        if (wanted > maxVfsThePfDriverAllows) {
            throw new LinuxException(op, Errno.EPERM); // i40e: more than the firmware's num_vfs
        }
        SysfsWriter.LIBC.write(file, arg + "\n");
        if (wanted == 0) {
            for (int i = 0; i < current; i++) {
                removeVf(pfDir, i);
            }
        } else {
            boolean autoprobe = read(pfDir.resolve("sriov_drivers_autoprobe")).equals("1");
            for (int i = 0; i < wanted; i++) {
                addVf(pf, pfDir, i, autoprobe);
            }
        }
    }

    private void addVf(PciAddress pf, Path pfDir, int index, boolean autoprobe) {
        PciAddress vf = vfAddress(pf, index);
        Path d = device(vf, INTEL, XL710_VF, Integer.parseInt(read(pfDir.resolve("numa_node"))));
        link(d.resolve("physfn"), pfDir);
        link(pfDir.resolve("virtfn" + index), d);
        Path group = sys.resolve("kernel/iommu_groups").resolve(Integer.toString(nextIommuGroup++));
        mkdirs(group.resolve("devices"));
        link(group.resolve("devices").resolve(vf.toString()), d);
        link(d.resolve("iommu_group"), group);
        if (autoprobe) {
            probe(d);
        }
    }

    private void removeVf(Path pfDir, int index) {
        Path virtfn = pfDir.resolve("virtfn" + index);
        try {
            Path d = virtfn.resolveSibling(Files.readSymbolicLink(virtfn)).normalize();
            removeNetdevs(d);
            Path group = d.resolve("iommu_group").resolveSibling(Files.readSymbolicLink(d.resolve("iommu_group")));
            deleteTree(group.normalize());
            deleteTree(d);
            Files.delete(virtfn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unbindStore(Path file, String arg) {
        SysfsWriter.LIBC.write(file, arg);
        String driver = file.getParent().getFileName().toString();
        Path d = existingDevice(file, arg);
        if (!driverOf(d).equals(Optional.of(driver))) {
            throw new LinuxException("write " + file + " <- '" + arg + "'", Errno.ENODEV);
        }
        removeNetdevs(d);
        delete(d.resolve("driver"));
    }

    private void bindStore(Path file, String arg) {
        SysfsWriter.LIBC.write(file, arg);
        String driver = file.getParent().getFileName().toString();
        Path d = existingDevice(file, arg);
        Optional<String> override = override(d);
        if (driverOf(d).isPresent() || override.filter(o -> !o.equals(driver)).isPresent()) {
            throw new LinuxException("write " + file + " <- '" + arg + "'", Errno.ENODEV);
        }
        attach(d, driver);
    }

    private void probeStore(Path file, String arg) {
        SysfsWriter.LIBC.write(file, arg);
        probe(existingDevice(file, arg));
    }

    /** The kernel's probe: nothing if bound; else driver_override if set, else the id's default driver. */
    private void probe(Path d) {
        if (driverOf(d).isPresent()) {
            return;
        }
        Optional<String> driver = override(d).or(() ->
                Optional.ofNullable(defaultDrivers.get(Integer.parseInt(read(d.resolve("device")).substring(2), 16))));
        driver.filter(name -> Files.isDirectory(sys.resolve("bus/pci/drivers").resolve(name)))
                .ifPresent(name -> attach(d, name));
    }

    private void attach(Path d, String driver) {
        link(d.resolve("driver"), sys.resolve("bus/pci/drivers").resolve(driver));
        if (!driver.equals("iavf") || !Files.isSymbolicLink(d.resolve("physfn"))) {
            return;
        }
        try {
            Path pfDir = d.resolve("physfn").resolveSibling(Files.readSymbolicLink(d.resolve("physfn"))).normalize();
            PciAddress pf = PciAddress.parse(pfDir.getFileName().toString());
            PciAddress vf = PciAddress.parse(d.getFileName().toString());
            int index = 0;
            while (!vfAddress(pf, index).equals(vf)) {
                index++;
            }
            List<String> names = vfNetdevNames.getOrDefault(pf, List.of());
            addNetdev(d, index < names.size() ? names.get(index) : "fakevf" + index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existingDevice(Path file, String arg) {
        Path d = sys.resolve("bus/pci/devices").resolve(arg);
        if (!Files.isDirectory(d)) {
            throw new LinuxException("write " + file + " <- '" + arg + "'", Errno.ENODEV);
        }
        return d;
    }

    private static Optional<String> override(Path d) {
        String o = read(d.resolve("driver_override"));
        return o.isEmpty() || o.equals("(null)") ? Optional.empty() : Optional.of(o);
    }

    private static Optional<String> driverOf(Path d) {
        try {
            return Files.isSymbolicLink(d.resolve("driver"))
                    ? Optional.of(Files.readSymbolicLink(d.resolve("driver")).getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ tree building

    private Path device(PciAddress address, int vendor, int device, int numaNode) {
        Path d = sys.resolve("bus/pci/devices").resolve(address.toString());
        mkdirs(d);
        file(d.resolve("vendor"), String.format("0x%04x%n", vendor));
        file(d.resolve("device"), String.format("0x%04x%n", device));
        file(d.resolve("numa_node"), numaNode + "\n");
        file(d.resolve("driver_override"), "(null)\n");
        return d;
    }

    private void addNetdev(Path deviceDir, String name) {
        mkdirs(deviceDir.resolve("net").resolve(name));
        link(sys.resolve("class/net").resolve(name), deviceDir.resolve("net").resolve(name));
        link(deviceDir.resolve("net").resolve(name).resolve("device"), deviceDir);
    }

    private void removeNetdevs(Path deviceDir) {
        Path net = deviceDir.resolve("net");
        if (!Files.isDirectory(net)) {
            return;
        }
        try (Stream<Path> names = Files.list(net)) {
            for (Path n : names.toList()) {
                delete(sys.resolve("class/net").resolve(n.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(net);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void file(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relative symlink, as sysfs has them. */
    private static void link(Path link, Path target) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
