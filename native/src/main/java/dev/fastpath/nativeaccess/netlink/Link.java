package dev.fastpath.nativeaccess.netlink;

import java.util.List;
import java.util.Optional;

/**
 * A network interface as RTM_NEWLINK describes it.
 *
 * @param kind IFLA_INFO_KIND ("veth", "macvlan", "vlan", ...) when the device has a link kind
 * @param lowerIndex IFLA_LINK (the parent of a macvlan/vlan, the peer of a veth), 0 when absent; when
 *     {@code linkNetnsId} is present the index lives in that other namespace
 * @param numVfs IFLA_NUM_VF (only on devices with a parent device when VF info was requested)
 * @param parentDevice IFLA_PARENT_DEV_NAME (e.g. a PCI address) when the kernel reports one
 */
public record Link(int index, String name, int arpType, int flags, int mtu, Optional<MacAddress> mac,
        Optional<String> kind, int lowerIndex, int masterIndex, int operState, Optional<Integer> linkNetnsId,
        Optional<Integer> numVfs, List<VfInfo> vfs, Optional<String> parentDevice, Optional<String> parentBus,
        List<String> altNames) {

    public static final int IFF_UP = 0x1;

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }
}
