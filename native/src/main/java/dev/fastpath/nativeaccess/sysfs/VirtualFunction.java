package dev.fastpath.nativeaccess.sysfs;

import java.util.Optional;

/**
 * VF number {@code index} of {@code physicalFunction} (the PF's {@code virtfn<index>} link) and what sysfs says
 * about it.
 */
public record VirtualFunction(PciAddress physicalFunction, int index, PciDevice device) {

    public PciAddress address() {
        return device.address();
    }

    public Optional<String> netdev() {
        return device.netdev();
    }

    public Optional<String> driver() {
        return device.driver();
    }
}
