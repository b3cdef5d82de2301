package dev.fastpath.nativeaccess.netlink.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message in host (little-endian) byte order: a 16-byte nlmsghdr, a fixed family header, then
 * attributes. Lengths are unpadded ({@code nla_len = 4 + payload}); padding bytes are zero. Sequence number and port
 * id are left 0: the socket stamps the sequence when it sends.
 */
public final class MessageWriter {
    private byte[] buf = new byte[128];
    private int pos;

    public MessageWriter(int type, int flags) {
        pos = Rtnl.NLMSG_HDRLEN;
        putU16At(4, type);
        putU16At(6, flags);
    }

    /** Appends raw bytes (a family header); length must already be a multiple of 4 or will be padded. */
    public MessageWriter raw(byte[] bytes) {
        ensure(bytes.length + 3);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        align();
        return this;
    }

    /** struct ifinfomsg (16 B). */
    public MessageWriter ifinfomsg(int family, int type, int index, int flags, int change) {
        ensure(16);
        buf[pos] = (byte) family;
        putU16At(pos + 2, type);
        putU32At(pos + 4, index);
        putU32At(pos + 8, flags);
        putU32At(pos + 12, change);
        pos += 16;
        return this;
    }

    /** struct ifaddrmsg (8 B). */
    public MessageWriter ifaddrmsg(int family, int prefixLen, int flags, int scope, int index) {
        ensure(8);
        buf[pos] = (byte) family;
        buf[pos + 1] = (byte) prefixLen;
        buf[pos + 2] = (byte) flags;
        buf[pos + 3] = (byte) scope;
        putU32At(pos + 4, index);
        pos += 8;
        return this;
    }

    /** struct rtmsg (12 B). */
    public MessageWriter rtmsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope,
            int type, int flags) {
        ensure(12);
        buf[pos] = (byte) family;
        buf[pos + 1] = (byte) dstLen;
        buf[pos + 2] = (byte) srcLen;
        buf[pos + 3] = (byte) tos;
        buf[pos + 4] = (byte) table;
        buf[pos + 5] = (byte) protocol;
        buf[pos + 6] = (byte) scope;
        buf[pos + 7] = (byte) type;
        putU32At(pos + 8, flags);
        pos += 12;
        return this;
    }

    public MessageWriter attr(int type, byte[] payload) {
        ensure(4 + payload.length + 3);
        putU16At(pos, 4 + payload.length);
        putU16At(pos + 2, type);
        System.arraycopy(payload, 0, buf, pos + 4, payload.length);
        pos += 4 + payload.length;
        align();
        return this;
    }

    public MessageWriter attrU8(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    public MessageWriter attrU16(int type, int value) {
        return attr(type, new byte[] {(byte) value, (byte) (value >>> 8)});
    }

    /** A __be16 attribute (e.g. IFLA_VLAN_PROTOCOL). */
    public MessageWriter attrBe16(int type, int value) {
        return attr(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public MessageWriter attrU32(int type, int value) {
        return attr(type, le32(value));
    }

    /** A NUL-terminated string attribute, as iproute2 sends IFLA_IFNAME. */
    public MessageWriter attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    /** A string attribute without the NUL, as iproute2 sends IFLA_INFO_KIND ({@code addattr_l(.., strlen)}). */
    public MessageWriter attrStringNoNul(int type, String value) {
        return attr(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a nest (no NLA_F_NESTED, as iproute2 and the kernel's deprecated request parsers expect). */
    public int beginNest(int type) {
        ensure(4);
        int start = pos;
        putU16At(pos + 2, type);
        pos += 4;
        return start;
    }

    public MessageWriter endNest(int start) {
        putU16At(start, pos - start);
        return this;
    }

    /** The finished message with nlmsg_len set. */
    public byte[] build() {
        putU32At(0, pos);
        return Arrays.copyOf(buf, pos);
    }

    public static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private void align() {
        int aligned = (pos + 3) & ~3;
        ensure(aligned - pos);
        pos = aligned; // the array is zero-filled, so padding is zero
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more + 64));
        }
    }

    private void putU16At(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    private void putU32At(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }
}
