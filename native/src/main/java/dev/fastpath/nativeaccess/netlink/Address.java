package dev.fastpath.nativeaccess.netlink;

import java.util.Optional;

/** An interface address (RTM_NEWADDR). */
public record Address(int index, IpPrefix prefix, int scope, int flags, Optional<String> label) {
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_PERMANENT = 0x80;
}
