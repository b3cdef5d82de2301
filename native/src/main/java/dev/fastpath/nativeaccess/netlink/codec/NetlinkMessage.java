package dev.fastpath.nativeaccess.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** One message of a received datagram: header fields plus the payload after the 16-byte nlmsghdr. */
public record NetlinkMessage(int type, int flags, int seq, int pid, ByteBuffer payload) {

    /** Splits a datagram into its messages ({@code NLMSG_ALIGN}ed); a truncated tail is dropped. */
    public static List<NetlinkMessage> split(ByteBuffer datagram) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<NetlinkMessage> out = new ArrayList<>();
        int off = b.position();
        int end = b.limit();
        while (off + Rtnl.NLMSG_HDRLEN <= end) {
            int len = b.getInt(off);
            if (len < Rtnl.NLMSG_HDRLEN || off + len > end) {
                break;
            }
            out.add(new NetlinkMessage(b.getShort(off + 4) & 0xFFFF, b.getShort(off + 6) & 0xFFFF,
                    b.getInt(off + 8), b.getInt(off + 12),
                    b.slice(off + Rtnl.NLMSG_HDRLEN, len - Rtnl.NLMSG_HDRLEN).order(ByteOrder.LITTLE_ENDIAN)));
            off += (len + 3) & ~3;
        }
        return out;
    }

    public boolean isError() {
        return type == Rtnl.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Rtnl.NLMSG_DONE;
    }
}
