package dev.fastpath.nativeaccess.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run of netlink attributes. Types are masked with {@link Rtnl#NLA_TYPE_MASK}: the kernel sets NLA_F_NESTED
 * on some nests of a link dump and not on others, so a reader must never depend on it. A truncated attribute ends
 * the run (the kernel never sends one; a corrupted buffer must not throw out of a parser).
 */
public final class Attributes {
    /** One attribute: masked type and a little-endian view of its payload (position 0 .. limit). */
    public record Attr(int type, ByteBuffer payload) {
        public int u8() {
            return payload.get(0) & 0xFF;
        }

        public int u16() {
            return payload.getShort(0) & 0xFFFF;
        }

        public int be16() {
            return ((payload.get(0) & 0xFF) << 8) | (payload.get(1) & 0xFF);
        }

        public int u32() {
            return payload.getInt(0);
        }

        public long u64() {
            return payload.getLong(0);
        }

        public byte[] bytes() {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            return b;
        }

        /** A NUL-terminated (or not) string. */
        public String string() {
            byte[] b = bytes();
            int n = 0;
            while (n < b.length && b[n] != 0) {
                n++;
            }
            return new String(b, 0, n, StandardCharsets.UTF_8);
        }

        public List<Attr> nested() {
            return Attributes.parse(payload, 0, payload.limit());
        }
    }

    private Attributes() {}

    /** Parses the attributes in {@code buf[from, to)}. */
    public static List<Attr> parse(ByteBuffer buf, int from, int to) {
        List<Attr> out = new ArrayList<>();
        int off = from;
        while (off + 4 <= to) {
            int len = buf.getShort(off) & 0xFFFF;
            int type = buf.getShort(off + 2) & Rtnl.NLA_TYPE_MASK;
            if (len < 4 || off + len > to) {
                break;
            }
            ByteBuffer payload = buf.slice(off + 4, len - 4).order(ByteOrder.LITTLE_ENDIAN);
            out.add(new Attr(type, payload));
            off += (len + 3) & ~3;
        }
        return out;
    }

    public static Attr find(List<Attr> attrs, int type) {
        for (Attr a : attrs) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }
}
