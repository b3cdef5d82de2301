package dev.fastpath.nativeaccess.netlink.codec;

import java.util.Optional;

/**
 * A parsed NLMSG_ERROR: {@code errno} 0 is an ACK. With NETLINK_EXT_ACK the kernel appends TLVs after the echoed
 * request (the whole request unless the ACK is capped): a message and the offset of the offending attribute.
 */
public record NetlinkAck(int errno, int requestType, int requestSeq, Optional<String> message,
        Optional<Integer> badAttributeOffset) {

    public boolean isSuccess() {
        return errno == 0;
    }

    /** Parses the payload of an NLMSG_ERROR message. */
    public static NetlinkAck parse(NetlinkMessage m) {
        var p = m.payload();
        int error = p.getInt(0);
        int reqLen = p.getInt(4);
        int reqType = p.getShort(8) & 0xFFFF;
        int reqSeq = p.getInt(12);
        Optional<String> msg = Optional.empty();
        Optional<Integer> offs = Optional.empty();
        if ((m.flags() & Rtnl.NLM_F_ACK_TLVS) != 0) {
            // the echoed request is complete unless the kernel capped it to the header
            int tlvStart = 4 + ((m.flags() & Rtnl.NLM_F_CAPPED) != 0 ? Rtnl.NLMSG_HDRLEN : ((reqLen + 3) & ~3));
            if (tlvStart <= p.limit()) {
                for (Attributes.Attr a : Attributes.parse(p, tlvStart, p.limit())) {
                    if (a.type() == Rtnl.NLMSGERR_ATTR_MSG) {
                        msg = Optional.of(a.string()).filter(s -> !s.isEmpty());
                    } else if (a.type() == Rtnl.NLMSGERR_ATTR_OFFS) {
                        offs = Optional.of(a.u32());
                    }
                }
            }
        }
        return new NetlinkAck(-error, reqType, reqSeq, msg, offs);
    }
}
