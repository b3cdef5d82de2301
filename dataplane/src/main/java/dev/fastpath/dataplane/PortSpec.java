package dev.fastpath.dataplane;

import java.nio.file.Path;

/**
 * What a port should be. One record per port type so each carries exactly the fields that type needs.
 * {@code vlan} is the access VLAN (1-4094), or 0 for an untagged port; the uplink is an 802.1q trunk.
 */
public sealed interface PortSpec {
    /** Unix socket paths are limited to 107 bytes (sun_path is 108 with the NUL). */
    int MAX_SOCKET_PATH_BYTES = 107;

    String name();

    PortType type();

    /**
     * A vhost-user port for a pod or VM. In {@link VhostMode#CLIENT} mode the switch connects (and
     * reconnects) to a server socket the pod or VM owns; in {@link VhostMode#SERVER} mode the switch owns it.
     */
    record VhostUser(String name, Path socket, VhostMode mode, int vlan, int queues) implements PortSpec {
        @Override public PortType type() { return PortType.VHOST_USER; }
    }

    /**
     * The NIC uplink, an 802.1q trunk: a PF or VF on vfio-pci by PCI address, or any DPDK vdev string
     * (tests use {@code net_tap} or {@code net_ring}) when {@code device} is not a PCI address.
     */
    record Uplink(String name, String device) implements PortSpec {
        @Override public PortType type() { return PortType.UPLINK; }
    }

    /** A port shown to a pod as an ordinary netdev ({@code net_tap}), moved into {@code netns} as {@code ifname}. */
    record Kernel(String name, Path netns, String ifname, int vlan) implements PortSpec {
        @Override public PortType type() { return PortType.KERNEL; }
    }

    /** A shared-memory packet interface ({@code net_memif}) for DPDK pods. */
    record Memif(String name, Path socket, MemifRole role, int vlan) implements PortSpec {
        @Override public PortType type() { return PortType.MEMIF; }
    }

    enum PortType { VHOST_USER, UPLINK, KERNEL, MEMIF }

    enum VhostMode { CLIENT, SERVER }

    enum MemifRole { SERVER, CLIENT }
}
