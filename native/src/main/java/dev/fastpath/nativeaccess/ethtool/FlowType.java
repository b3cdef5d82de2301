package dev.fastpath.nativeaccess.ethtool;

import java.util.Arrays;

/**
 * Flow Director flow types (ethtool's {@code flow-type} names, {@code <linux/ethtool.h>} values) that the i40e
 * sideband filter accepts: TCP/UDP/SCTP and "any IP" over IPv4 and IPv6.
 */
public enum FlowType {
    TCP4(0x01, false, true),
    UDP4(0x02, false, true),
    SCTP4(0x03, false, true),
    /** {@code IPV4_USER_FLOW}, ethtool's {@code ip4}: addresses only. */
    IP4(0x0d, false, false),
    TCP6(0x05, true, true),
    UDP6(0x06, true, true),
    SCTP6(0x07, true, true),
    /** {@code IPV6_USER_FLOW}, ethtool's {@code ip6}: addresses only. */
    IP6(0x0e, true, false);

    /** {@code FLOW_EXT | FLOW_MAC_EXT | FLOW_RSS}: flags ORed into {@code fs.flow_type}, not part of the type. */
    static final int FLAGS = 0x80000000 | 0x40000000 | 0x20000000;

    private final int value;
    private final boolean ipv6;
    private final boolean ports;

    FlowType(int value, boolean ipv6, boolean ports) {
        this.value = value;
        this.ipv6 = ipv6;
        this.ports = ports;
    }

    /** The kernel constant, e.g. {@code UDP_V4_FLOW = 2}. */
    public int value() {
        return value;
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** Whether the flow has L4 ports to match (tcp/udp/sctp). */
    public boolean hasPorts() {
        return ports;
    }

    /** ethtool's name: {@code tcp4}, {@code ip6}... */
    public String ethtoolName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The flow type of {@code fs.flow_type}, ignoring FLOW_EXT/FLOW_MAC_EXT/FLOW_RSS. */
    public static FlowType of(int kernelValue) {
        int base = kernelValue & ~FLAGS;
        return Arrays.stream(values()).filter(t -> t.value == base).findFirst().orElseThrow(() ->
                new IllegalArgumentException("flow type 0x" + Integer.toHexString(base)
                        + " is not one of tcp4/udp4/sctp4/ip4/tcp6/udp6/sctp6/ip6"));
    }
}
