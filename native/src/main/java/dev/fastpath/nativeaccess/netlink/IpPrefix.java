package dev.fastpath.nativeaccess.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address with a prefix length, {@code 10.99.0.2/24} or {@code fd00::2/64}. Parsing never does DNS. */
public record IpPrefix(InetAddress address, int prefixLength) {
    public IpPrefix {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max
                    + " for " + address.getHostAddress());
        }
    }

    public static IpPrefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress a = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        int len = a instanceof Inet4Address ? 32 : 128;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
            }
        }
        return new IpPrefix(a, len);
    }

    /** Parses an IP literal (v4 dotted or v6 with colons) without name resolution. */
    public static InetAddress literal(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
        }
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
