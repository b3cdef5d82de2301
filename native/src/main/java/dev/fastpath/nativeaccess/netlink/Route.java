package dev.fastpath.nativeaccess.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A route. Used both as a request ({@link #defaultVia}, {@link #via}, {@link #onLink}) and as a dump result.
 *
 * @param destination the destination prefix; {@code 0.0.0.0/0} or {@code ::/0} for the default route
 * @param outIndex RTA_OIF, 0 when absent
 * @param onLink RTNH_F_ONLINK: the gateway is reachable on outIndex even without a matching prefix
 */
public record Route(IpPrefix destination, Optional<InetAddress> gateway, int outIndex, int table, int protocol,
        int scope, int type, boolean onLink, Optional<Integer> priority, Optional<InetAddress> preferredSource) {

    public static final int TABLE_MAIN = 254;
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 253;
    static final int PROTO_BOOT = 3;
    static final int RTN_UNICAST = 1;

    /** {@code ip route add default via GW dev IFINDEX}. */
    public static Route defaultVia(InetAddress gateway, int outIndex) {
        IpPrefix any = gateway instanceof Inet4Address ? IpPrefix.parse("0.0.0.0/0") : IpPrefix.parse("::/0");
        return new Route(any, Optional.of(gateway), outIndex, TABLE_MAIN, PROTO_BOOT, SCOPE_UNIVERSE, RTN_UNICAST,
                false, Optional.empty(), Optional.empty());
    }

    /** {@code ip route add PREFIX via GW [dev IFINDEX]} (outIndex 0 = let the kernel pick). */
    public static Route via(IpPrefix destination, InetAddress gateway, int outIndex) {
        return new Route(destination, Optional.of(gateway), outIndex, TABLE_MAIN, PROTO_BOOT, SCOPE_UNIVERSE,
                RTN_UNICAST, false, Optional.empty(), Optional.empty());
    }

    /** {@code ip route add PREFIX via GW dev IFINDEX onlink}: gateway outside any connected prefix. */
    public static Route viaOnLink(IpPrefix destination, InetAddress gateway, int outIndex) {
        return new Route(destination, Optional.of(gateway), outIndex, TABLE_MAIN, PROTO_BOOT, SCOPE_UNIVERSE,
                RTN_UNICAST, true, Optional.empty(), Optional.empty());
    }

    /** {@code ip route add PREFIX dev IFINDEX}: a directly connected (scope link) route. */
    public static Route onLink(IpPrefix destination, int outIndex) {
        return new Route(destination, Optional.empty(), outIndex, TABLE_MAIN, PROTO_BOOT, SCOPE_LINK, RTN_UNICAST,
                false, Optional.empty(), Optional.empty());
    }

    public boolean isDefault() {
        return destination.prefixLength() == 0;
    }
}
