package dev.fastpath.nativeaccess.sysfs;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What sysfs says about one PCI function.
 *
 * @param vendorId   {@code vendor}, e.g. 0x8086
 * @param deviceId   {@code device}, e.g. 0x1583 (XL710 PF) or 0x154c (its VF)
 * @param numaNode   {@code numa_node}; empty when the kernel reports -1 (no affinity) or has no such file
 * @param driver     basename of the {@code driver} link; empty when unbound
 * @param netdevs    entries of {@code net/} (a bound iavf/i40e function has one; vfio-pci has none)
 * @param iommuGroup basename of the {@code iommu_group} link; empty without an IOMMU
 */
public record PciDevice(
        PciAddress address,
        int vendorId,
        int deviceId,
        OptionalInt numaNode,
        Optional<String> driver,
        List<String> netdevs,
        OptionalInt iommuGroup) {

    public PciDevice {
        netdevs = List.copyOf(netdevs);
    }

    /** The first netdev, the usual case for a NIC function. */
    public Optional<String> netdev() {
        return netdevs.stream().findFirst();
    }
}
