package dev.fastpath.nativeaccess.ethtool;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address to match and how many leading bits count (the rule's mask; a full-length prefix matches one host).
 * i40e accepts only full-length or absent address matches; other prefixes are for NICs that can.
 */
public record IpMatch(InetAddress address, int prefixLength) {

    public IpMatch {
        int bits = address.getAddress().length * 8;
        if (prefixLength < 1 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " of " + address.getHostAddress()
                    + " out of range 1.." + bits);
        }
    }

    /** {@code 10.0.0.5}, {@code 10.0.0.0/24}, {@code 2001:db8::/64}: literals only, never a DNS lookup. */
    public static IpMatch parse(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = literal(literal, text);
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        return new IpMatch(address, prefix);
    }

    /** One host. */
    public static IpMatch host(InetAddress address) {
        return new IpMatch(address, address.getAddress().length * 8);
    }

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /** The mask in network byte order, as the kernel's {@code m_u} holds it. */
    byte[] mask() {
        byte[] mask = new byte[address.getAddress().length];
        for (int bit = 0; bit < prefixLength; bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return mask;
    }

    /** From the kernel's value/mask pair; empty for an all-zero mask (field not matched). */
    static java.util.Optional<IpMatch> fromKernel(byte[] value, byte[] mask, String field) {
        int prefix = 0;
        boolean ended = false;
        for (int bit = 0; bit < mask.length * 8; bit++) {
            boolean set = (mask[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            if (set && ended) {
                throw new IllegalArgumentException(field + " mask " + hex(mask) + " is not a prefix");
            }
            if (set) {
                prefix++;
            } else {
                ended = true;
            }
        }
        if (prefix == 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new IpMatch(InetAddress.getByAddress(value), prefix));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + ": bad address length " + value.length, e);
        }
    }

    private static InetAddress literal(String literal, String whole) {
        boolean looksLikeIp = !literal.isEmpty() && (literal.contains(":")
                || literal.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (!looksLikeIp) {
            throw new IllegalArgumentException("not an IP address: '" + whole + "'");
        }
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: '" + whole + "'", e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
