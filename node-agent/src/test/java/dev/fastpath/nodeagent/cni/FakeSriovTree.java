package dev.fastpath.nodeagent.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sysfs tree under a temp root shaped like the kernel's for one i40e PF and its VFs (TESTING.md "Emulated
 * SR-IOV"): {@code bus/pci/devices/<bdf>} with vendor/device/numa_node, {@code virtfnN} and {@code physfn}
 * links, {@code driver} links into {@code bus/pci/drivers/<name>}, and {@code net/<netdev>} naming a real
 * netdev the test created (for a sriov VF) or nothing (vfio-pci).
 */
final class FakeSriovTree {
    final Path root;

    FakeSriovTree(Path root) throws IOException {
        this.root = root;
        for (String d : new String[] {"i40e", "iavf", "vfio-pci"}) Files.createDirectories(root.resolve("bus/pci/drivers").resolve(d));
        Files.createDirectories(root.resolve("class/net"));
    }

    Path device(String bdf) {
        return root.resolve("bus/pci/devices").resolve(bdf);
    }

    void addPf(String bdf, String netdev, int totalVfs) throws IOException {
        Path d = device(bdf);
        Files.createDirectories(d.resolve("net").resolve(netdev));
        Files.writeString(d.resolve("vendor"), "0x8086\n");
        Files.writeString(d.resolve("device"), "0x1583\n");
        Files.writeString(d.resolve("numa_node"), "0\n");
        Files.writeString(d.resolve("sriov_totalvfs"), totalVfs + "\n");
        Files.writeString(d.resolve("sriov_numvfs"), "0\n");
        Files.createSymbolicLink(d.resolve("driver"), root.resolve("bus/pci/drivers/i40e"));
        Files.createDirectories(root.resolve("class/net").resolve(netdev));
        Files.createSymbolicLink(root.resolve("class/net").resolve(netdev).resolve("device"), d);
    }

    /** A VF of {@code pf} at index {@code index}, bound to {@code driver}, with {@code netdev} (null for vfio-pci). */
    void addVf(String pf, int index, String bdf, String driver, String netdev) throws IOException {
        Path d = device(bdf);
        Files.createDirectories(d);
        Files.writeString(d.resolve("vendor"), "0x8086\n");
        Files.writeString(d.resolve("device"), "0x154c\n");
        Files.writeString(d.resolve("numa_node"), "0\n");
        Files.createSymbolicLink(d.resolve("physfn"), Path.of("..", pf));
        Files.createSymbolicLink(device(pf).resolve("virtfn" + index), Path.of("..", bdf));
        Files.createSymbolicLink(d.resolve("driver"), root.resolve("bus/pci/drivers").resolve(driver));
        if (netdev != null) Files.createDirectories(d.resolve("net").resolve(netdev));
        Files.writeString(device(pf).resolve("sriov_numvfs"), (index + 1) + "\n");
    }

    /**
     * Plays the kernel when a VF's netdev changes name or goes away: {@code net/} of the device then lists
     * {@code netdev} alone, or nothing when it is null.
     */
    void setNetdev(String bdf, String netdev) throws IOException {
        Path net = device(bdf).resolve("net");
        if (Files.isDirectory(net)) {
            try (var entries = Files.list(net)) {
                for (Path e : entries.toList()) Files.delete(e);
            }
        }
        if (netdev != null) Files.createDirectories(net.resolve(netdev));
    }

    /** A PCI function that is not a VF (no physfn), e.g. some other NIC. */
    void addPlainDevice(String bdf) throws IOException {
        Path d = device(bdf);
        Files.createDirectories(d);
        Files.writeString(d.resolve("vendor"), "0x1af4\n");
        Files.writeString(d.resolve("device"), "0x1000\n");
    }
}
