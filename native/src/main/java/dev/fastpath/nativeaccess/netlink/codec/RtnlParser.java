package dev.fastpath.nativeaccess.netlink.codec;

import static dev.fastpath.nativeaccess.netlink.codec.Rtnl.*;

import dev.fastpath.nativeaccess.netlink.Address;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.Route;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.VfLinkState;
import dev.fastpath.nativeaccess.netlink.VfStats;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns RTM_NEWLINK / RTM_NEWADDR / RTM_NEWROUTE payloads into records. Pure. */
public final class RtnlParser {
    private RtnlParser() {}

    // ------------------------------------------------------------------ links

    public static Link link(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int arpType = p.getShort(2) & 0xFFFF;
        int index = p.getInt(4);
        int flags = p.getInt(8);
        String name = "";
        int mtu = 0;
        int lower = 0;
        int master = 0;
        int operState = 0;
        MacAddress mac = null;
        String kind = null;
        Integer netnsId = null;
        Integer numVfs = null;
        List<VfInfo> vfs = List.of();
        String parentDev = null;
        String parentBus = null;
        List<String> altNames = new ArrayList<>();
        for (Attributes.Attr a : Attributes.parse(p, IFINFOMSG_LEN, p.limit())) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MTU -> mtu = a.u32();
                case IFLA_LINK -> lower = a.u32();
                case IFLA_MASTER -> master = a.u32();
                case IFLA_OPERSTATE -> operState = a.u8();
                case IFLA_ADDRESS -> {
                    if (a.payload().limit() == 6) {
                        mac = new MacAddress(a.bytes());
                    }
                }
                case IFLA_LINKINFO -> {
                    Attributes.Attr k = Attributes.find(a.nested(), IFLA_INFO_KIND);
                    kind = k == null ? null : k.string();
                }
                case IFLA_LINK_NETNSID -> netnsId = a.u32();
                case IFLA_NUM_VF -> numVfs = a.u32();
                case IFLA_VFINFO_LIST -> vfs = vfList(a);
                case IFLA_PARENT_DEV_NAME -> parentDev = a.string();
                case IFLA_PARENT_DEV_BUS_NAME -> parentBus = a.string();
                case IFLA_PROP_LIST -> {
                    for (Attributes.Attr alt : a.nested()) {
                        if (alt.type() == IFLA_ALT_IFNAME) {
                            altNames.add(alt.string());
                        }
                    }
                }
                default -> { }
            }
        }
        return new Link(index, name, arpType, flags, mtu, Optional.ofNullable(mac), Optional.ofNullable(kind), lower,
                master, operState, Optional.ofNullable(netnsId), Optional.ofNullable(numVfs), vfs,
                Optional.ofNullable(parentDev), Optional.ofNullable(parentBus), List.copyOf(altNames));
    }

    /** IFLA_VFINFO_LIST: one IFLA_VF_INFO nest per VF. */
    public static List<VfInfo> vfList(Attributes.Attr list) {
        List<VfInfo> out = new ArrayList<>();
        for (Attributes.Attr info : list.nested()) {
            if (info.type() == IFLA_VF_INFO) {
                out.add(vf(info.nested()));
            }
        }
        return List.copyOf(out);
    }

    private static VfInfo vf(List<Attributes.Attr> attrs) {
        int vf = -1;
        MacAddress mac = null;
        MacAddress broadcast = null;
        int vlan = 0;
        int qos = 0;
        int proto = ETH_P_8021Q;
        int minRate = 0;
        int maxRate = 0;
        Optional<Boolean> spoof = Optional.empty();
        Optional<Boolean> trust = Optional.empty();
        Optional<Boolean> rss = Optional.empty();
        VfLinkState state = VfLinkState.AUTO;
        Optional<Long> nodeGuid = Optional.empty();
        Optional<Long> portGuid = Optional.empty();
        Optional<VfStats> stats = Optional.empty();
        boolean haveRate = false;
        for (Attributes.Attr a : attrs) {
            ByteBuffer p = a.payload();
            switch (a.type()) {
                case IFLA_VF_MAC -> {
                    vf = p.getInt(0);
                    mac = new MacAddress(slice(p, 4, 6));
                }
                case IFLA_VF_BROADCAST -> broadcast = new MacAddress(slice(p, 0, 6));
                case IFLA_VF_VLAN -> {
                    vf = p.getInt(0);
                    vlan = p.getInt(4);
                    qos = p.getInt(8);
                }
                case IFLA_VF_RATE -> {
                    vf = p.getInt(0);
                    minRate = p.getInt(4);
                    maxRate = p.getInt(8);
                    haveRate = true;
                }
                case IFLA_VF_TX_RATE -> {
                    vf = p.getInt(0);
                    if (!haveRate) {
                        maxRate = p.getInt(4);
                    }
                }
                case IFLA_VF_SPOOFCHK -> spoof = setting(p);
                case IFLA_VF_LINK_STATE -> state = VfLinkState.of(p.getInt(4));
                case IFLA_VF_RSS_QUERY_EN -> rss = setting(p);
                case IFLA_VF_TRUST -> trust = setting(p);
                case IFLA_VF_IB_NODE_GUID -> nodeGuid = Optional.of(p.getLong(8));
                case IFLA_VF_IB_PORT_GUID -> portGuid = Optional.of(p.getLong(8));
                case IFLA_VF_VLAN_LIST -> {
                    for (Attributes.Attr v : a.nested()) {
                        if (v.type() == IFLA_VF_VLAN_INFO && v.payload().limit() >= 14) {
                            ByteBuffer q = v.payload();
                            vlan = q.getInt(4);
                            qos = q.getInt(8);
                            proto = ((q.get(12) & 0xFF) << 8) | (q.get(13) & 0xFF);
                        }
                    }
                }
                case IFLA_VF_STATS -> stats = Optional.of(stats(a.nested()));
                default -> { }
            }
        }
        return new VfInfo(vf, mac, broadcast, vlan, qos, proto, minRate, maxRate, spoof, trust, state, rss,
                nodeGuid, portGuid, stats);
    }

    /** {vf u32, setting u32}; the kernel reports -1 when the driver does not say. */
    private static Optional<Boolean> setting(ByteBuffer p) {
        int v = p.getInt(4);
        return v == -1 ? Optional.empty() : Optional.of(v != 0);
    }

    private static VfStats stats(List<Attributes.Attr> attrs) {
        long[] v = new long[9];
        for (Attributes.Attr a : attrs) {
            if (a.type() < v.length && a.payload().limit() >= 8) {
                v[a.type()] = a.u64();
            }
        }
        return new VfStats(v[IFLA_VF_STATS_RX_PACKETS], v[IFLA_VF_STATS_TX_PACKETS], v[IFLA_VF_STATS_RX_BYTES],
                v[IFLA_VF_STATS_TX_BYTES], v[IFLA_VF_STATS_BROADCAST], v[IFLA_VF_STATS_MULTICAST],
                v[IFLA_VF_STATS_RX_DROPPED], v[IFLA_VF_STATS_TX_DROPPED]);
    }

    // ------------------------------------------------------------------ addresses

    public static Address address(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int prefixLen = p.get(1) & 0xFF;
        int flags = p.get(2) & 0xFF;
        int scope = p.get(3) & 0xFF;
        int index = p.getInt(4);
        byte[] local = null;
        byte[] address = null;
        String label = null;
        for (Attributes.Attr a : Attributes.parse(p, IFADDRMSG_LEN, p.limit())) {
            switch (a.type()) {
                case IFA_LOCAL -> local = a.bytes();
                case IFA_ADDRESS -> address = a.bytes();
                case IFA_LABEL -> label = a.string();
                case IFA_FLAGS -> flags = a.u32();
                default -> { }
            }
        }
        byte[] chosen = local != null ? local : address;
        return new Address(index, new IpPrefix(inet(chosen), prefixLen), scope, flags, Optional.ofNullable(label));
    }

    // ------------------------------------------------------------------ routes

    public static Route route(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int family = p.get(0) & 0xFF;
        int dstLen = p.get(1) & 0xFF;
        int table = p.get(4) & 0xFF;
        int protocol = p.get(5) & 0xFF;
        int scope = p.get(6) & 0xFF;
        int type = p.get(7) & 0xFF;
        int rtFlags = p.getInt(8);
        byte[] dst = new byte[family == AF_INET ? 4 : 16];
        InetAddress gateway = null;
        InetAddress prefSrc = null;
        int oif = 0;
        Integer priority = null;
        for (Attributes.Attr a : Attributes.parse(p, RTMSG_LEN, p.limit())) {
            switch (a.type()) {
                case RTA_DST -> dst = a.bytes();
                case RTA_GATEWAY -> gateway = inet(a.bytes());
                case RTA_OIF -> oif = a.u32();
                case RTA_PRIORITY -> priority = a.u32();
                case RTA_PREFSRC -> prefSrc = inet(a.bytes());
                case RTA_TABLE -> table = a.u32();
                default -> { }
            }
        }
        return new Route(new IpPrefix(inet(dst), dstLen), Optional.ofNullable(gateway), oif, table, protocol, scope,
                type, (rtFlags & RTNH_F_ONLINK) != 0, Optional.ofNullable(priority), Optional.ofNullable(prefSrc));
    }

    private static InetAddress inet(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + b.length);
        }
    }

    private static byte[] slice(ByteBuffer p, int from, int len) {
        byte[] b = new byte[len];
        p.get(from, b);
        return b;
    }
}
