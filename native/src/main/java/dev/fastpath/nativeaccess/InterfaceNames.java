package dev.fastpath.nativeaccess;

import java.nio.charset.StandardCharsets;

/**
 * The kernel's rule for network interface names ({@code dev_valid_name}), checked before anything is sent so that a
 * bad name is refused by name rather than by a bare EINVAL/ENODEV. Shared by rtnetlink and ethtool.
 */
public final class InterfaceNames {
    /** IFNAMSIZ: 16 bytes including the terminating NUL. */
    public static final int MAX_BYTES = 15;

    private InterfaceNames() {}

    /** Returns {@code name} if the kernel would accept it: 1..15 bytes, not "." or "..", no '/', ':', NUL or whitespace. */
    public static String check(String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || name.equals(".") || name.equals("..") || name.chars().anyMatch(ch -> ch == '/' || ch == ':'
                        || ch == 0 || Character.isWhitespace(ch))) {
            throw new IllegalArgumentException("invalid interface name '" + name
                    + "' (1..15 bytes, no '/', ':' or whitespace)");
        }
        return name;
    }
}
