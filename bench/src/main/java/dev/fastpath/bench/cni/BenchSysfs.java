package dev.fastpath.bench.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sysfs tree for the bench: one PF with VFs bound to vfio-pci (sriov-dpdk) or iavf with a veth netdev (sriov). */
final class BenchSysfs {
    final Path root;
    private int nextVf;

    BenchSysfs(Path root, String pf, String pfNetdev) throws IOException {
        this.root = root;
        for (String d : new String[] {"i40e", "iavf", "vfio-pci"}) Files.createDirectories(root.resolve("bus/pci/drivers").resolve(d));
        Path dev = device(pf);
        Files.createDirectories(dev.resolve("net").resolve(pfNetdev));
        write(dev, "0x8086", "0x1583");
        Files.writeString(dev.resolve("sriov_totalvfs"), "256\n");
        Files.writeString(dev.resolve("sriov_numvfs"), "0\n");
        Files.createSymbolicLink(dev.resolve("driver"), root.resolve("bus/pci/drivers/i40e"));
    }

    Path device(String bdf) {
        return root.resolve("bus/pci/devices").resolve(bdf);
    }

    /** Adds the next VF of {@code pf}; returns its PCI address. */
    String addVf(String pf, String driver, String netdev) throws IOException {
        int index = nextVf++;
        String bdf = "0000:03:%02x.%d".formatted(2 + index / 8, index % 8);
        Path d = device(bdf);
        Files.createDirectories(d);
        write(d, "0x8086", "0x154c");
        Files.createSymbolicLink(d.resolve("physfn"), Path.of("..", pf));
        Files.createSymbolicLink(device(pf).resolve("virtfn" + index), Path.of("..", bdf));
        Files.createSymbolicLink(d.resolve("driver"), root.resolve("bus/pci/drivers").resolve(driver));
        if (netdev != null) Files.createDirectories(d.resolve("net").resolve(netdev));
        return bdf;
    }

    private static void write(Path d, String vendor, String device) throws IOException {
        Files.writeString(d.resolve("vendor"), vendor + "\n");
        Files.writeString(d.resolve("device"), device + "\n");
        Files.writeString(d.resolve("numa_node"), "0\n");
    }
}
