package dev.fastpath.nativeaccess.netlink.codec;

import static dev.fastpath.nativeaccess.netlink.codec.Rtnl.*;

import dev.fastpath.nativeaccess.InterfaceNames;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.LinkChange;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.MacvlanMode;
import dev.fastpath.nativeaccess.netlink.Route;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netlink.VlanProtocol;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every rtnetlink request the facade sends, byte for byte what iproute2 6.1 sends for the same {@code ip} command
 * (the test data under src/test/resources/netlink records each command and its bytes). Pure: no I/O, no root.
 * Sequence number and port id are 0 here; the socket stamps the sequence.
 */
public final class RtnlRequests {
    private static final int CREATE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE; // 0x605
    private static final int MODIFY = NLM_F_REQUEST | NLM_F_ACK; // 0x005

    private RtnlRequests() {}

    // ------------------------------------------------------------------ links: read

    /** {@code ip link show} (dump, with VF info). */
    public static byte[] dumpLinks() {
        return new MessageWriter(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP)
                .ifinfomsg(AF_PACKET, 0, 0, 0, 0).attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF).build();
    }

    /** {@code ip link show dev NAME}: one RTM_NEWLINK back, with VF info. */
    public static byte[] getLinkByName(String name) {
        checkName(name);
        return new MessageWriter(RTM_GETLINK, NLM_F_REQUEST)
                .ifinfomsg(AF_PACKET, 0, 0, 0, 0).attrString(IFLA_IFNAME, name)
                .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF).build();
    }

    /** What iproute2 sends to look an ifindex up (VF info without VF stats). */
    public static byte[] getLinkByIndex(int index) {
        return new MessageWriter(RTM_GETLINK, NLM_F_REQUEST)
                .ifinfomsg(AF_UNSPEC, 0, index, 0, 0)
                .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS).build();
    }

    // ------------------------------------------------------------------ links: create / delete

    /** {@code ip link add NAME type veth peer name PEER [netns FD]}. */
    public static byte[] newVeth(String name, String peer, OptionalInt peerNetnsFd) {
        checkName(name);
        checkName(peer);
        MessageWriter w = new MessageWriter(RTM_NEWLINK, CREATE).ifinfomsg(AF_UNSPEC, 0, 0, 0, 0)
                .attrString(IFLA_IFNAME, name);
        int info = w.beginNest(IFLA_LINKINFO);
        w.attrStringNoNul(IFLA_INFO_KIND, "veth");
        int data = w.beginNest(IFLA_INFO_DATA);
        int p = w.beginNest(VETH_INFO_PEER);
        w.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0);
        if (peerNetnsFd.isPresent()) {
            w.attrU32(IFLA_NET_NS_FD, peerNetnsFd.getAsInt());
        }
        w.attrString(IFLA_IFNAME, peer);
        w.endNest(p).endNest(data).endNest(info);
        return w.build();
    }

    /** {@code ip link add link PARENT name NAME type macvlan mode MODE}. */
    public static byte[] newMacvlan(String name, int parentIndex, MacvlanMode mode) {
        checkName(name);
        MessageWriter w = new MessageWriter(RTM_NEWLINK, CREATE).ifinfomsg(AF_UNSPEC, 0, 0, 0, 0)
                .attrU32(IFLA_LINK, parentIndex).attrString(IFLA_IFNAME, name);
        int info = w.beginNest(IFLA_LINKINFO);
        w.attrStringNoNul(IFLA_INFO_KIND, "macvlan");
        int data = w.beginNest(IFLA_INFO_DATA);
        w.attrU32(IFLA_MACVLAN_MODE, mode.value());
        w.endNest(data).endNest(info);
        return w.build();
    }

    /** {@code ip link add link PARENT name NAME type vlan id ID [protocol 802.1ad]}. */
    public static byte[] newVlan(String name, int parentIndex, int vlanId, VlanProtocol protocol) {
        checkName(name);
        if (vlanId < 0 || vlanId > 4094) {
            throw new IllegalArgumentException("VLAN id " + vlanId + " for " + name + " out of range 0..4094");
        }
        MessageWriter w = new MessageWriter(RTM_NEWLINK, CREATE).ifinfomsg(AF_UNSPEC, 0, 0, 0, 0)
                .attrU32(IFLA_LINK, parentIndex).attrString(IFLA_IFNAME, name);
        int info = w.beginNest(IFLA_LINKINFO);
        w.attrStringNoNul(IFLA_INFO_KIND, "vlan");
        int data = w.beginNest(IFLA_INFO_DATA);
        w.attrU16(IFLA_VLAN_ID, vlanId);
        if (protocol != VlanProtocol.IEEE_802_1Q) { // iproute2 omits the default protocol
            w.attrBe16(IFLA_VLAN_PROTOCOL, protocol.ethertype());
        }
        w.endNest(data).endNest(info);
        return w.build();
    }

    /** {@code ip link del dev X}. */
    public static byte[] delLink(int index) {
        return new MessageWriter(RTM_DELLINK, MODIFY).ifinfomsg(AF_UNSPEC, 0, index, 0, 0).build();
    }

    // ------------------------------------------------------------------ links: modify (RTM_NEWLINK, no CREATE)

    /** {@code ip link set dev X up|down}. */
    public static byte[] setUp(int index, boolean up) {
        return new MessageWriter(RTM_NEWLINK, MODIFY).ifinfomsg(AF_UNSPEC, 0, index, up ? IFF_UP : 0, IFF_UP)
                .build();
    }

    /** {@code ip link set dev X mtu N}. */
    public static byte[] setMtu(int index, int mtu) {
        if (mtu <= 0) {
            throw new IllegalArgumentException("MTU must be positive, got " + mtu);
        }
        return modify(index).attrU32(IFLA_MTU, mtu).build();
    }

    /** {@code ip link set dev X address MAC}. */
    public static byte[] setMac(int index, MacAddress mac) {
        return modify(index).attr(IFLA_ADDRESS, mac.bytes()).build();
    }

    /** {@code ip link set dev X name NEW}. */
    public static byte[] setName(int index, String newName) {
        checkName(newName);
        return modify(index).attrString(IFLA_IFNAME, newName).build();
    }

    /**
     * {@code ip link set dev X address M mtu N name NEW up}: everything in one message, attributes in iproute2's
     * order (ADDRESS, MTU, IFNAME) and the up/down bit in ifinfomsg.
     */
    public static byte[] setLink(int index, LinkChange c) {
        if (c.isEmpty()) {
            throw new IllegalArgumentException("ifindex " + index + ": nothing to change");
        }
        if (index <= 0) {
            throw new IllegalArgumentException("interface index must be > 0, got " + index);
        }
        int flags = c.up().orElse(false) ? IFF_UP : 0;
        int change = c.up().isPresent() ? IFF_UP : 0;
        MessageWriter w = new MessageWriter(RTM_NEWLINK, MODIFY).ifinfomsg(AF_UNSPEC, 0, index, flags, change);
        c.mac().ifPresent(m -> w.attr(IFLA_ADDRESS, m.bytes()));
        c.mtu().ifPresent(m -> w.attrU32(IFLA_MTU, m));
        c.name().ifPresent(n -> {
            checkName(n);
            w.attrString(IFLA_IFNAME, n);
        });
        return w.build();
    }

    /** {@code ip link set dev X netns FD [name NEW]}: move (and rename in the same step). */
    public static byte[] setNetns(int index, int netnsFd, Optional<String> newName) {
        MessageWriter w = modify(index).attrU32(IFLA_NET_NS_FD, netnsFd);
        newName.ifPresent(n -> {
            checkName(n);
            w.attrString(IFLA_IFNAME, n);
        });
        return w.build();
    }

    /**
     * {@code ip link set dev PF vf N mac .. vlan .. qos .. [proto 802.1ad] spoofchk .. state .. trust ..
     * min_tx_rate .. max_tx_rate ..}. Attribute order: MAC, VLAN (or VLAN_LIST for 802.1ad), SPOOFCHK, LINK_STATE,
     * TRUST, RATE (iproute2 appends RATE last). A one-sided rate ({@link VfConfig#needsCurrentRate()}) must first be
     * completed with {@link VfConfig#withCurrentRate}: IFLA_VF_RATE always carries both limits.
     */
    public static byte[] setVf(int pfIndex, VfConfig c) {
        if (c.isEmpty()) {
            throw new IllegalArgumentException("VF " + c.vf() + ": nothing to set");
        }
        if (c.needsCurrentRate()) {
            throw new IllegalArgumentException("VF " + c.vf() + ": only one of min_tx_rate/max_tx_rate is given;"
                    + " complete it from the VF's current rate (VfConfig.withCurrentRate) first");
        }
        int vf = c.vf();
        MessageWriter w = modify(pfIndex);
        int list = w.beginNest(IFLA_VFINFO_LIST);
        int info = w.beginNest(IFLA_VF_INFO);
        c.mac().ifPresent(m -> {
            ByteBuffer b = le(36).putInt(vf).put(m.bytes());
            w.attr(IFLA_VF_MAC, b.array());
        });
        c.vlan().ifPresent(v -> {
            if (v.protocol() == VlanProtocol.IEEE_802_1Q) {
                w.attr(IFLA_VF_VLAN, le(12).putInt(vf).putInt(v.id()).putInt(v.qos()).array());
            } else {
                int vl = w.beginNest(IFLA_VF_VLAN_LIST);
                ByteBuffer b = le(16).putInt(vf).putInt(v.id()).putInt(v.qos());
                b.order(ByteOrder.BIG_ENDIAN).putShort((short) v.protocol().ethertype());
                w.attr(IFLA_VF_VLAN_INFO, b.array());
                w.endNest(vl);
            }
        });
        c.spoofCheck().ifPresent(s -> w.attr(IFLA_VF_SPOOFCHK, le(8).putInt(vf).putInt(s ? 1 : 0).array()));
        c.linkState().ifPresent(s -> w.attr(IFLA_VF_LINK_STATE, le(8).putInt(vf).putInt(s.value()).array()));
        c.trust().ifPresent(t -> w.attr(IFLA_VF_TRUST, le(8).putInt(vf).putInt(t ? 1 : 0).array()));
        c.rate().ifPresent(r -> w.attr(IFLA_VF_RATE,
                le(12).putInt(vf).putInt(r.minMbps()).putInt(r.maxMbps()).array()));
        w.endNest(info).endNest(list);
        return w.build();
    }

    // ------------------------------------------------------------------ addresses

    /** {@code ip addr add A/N dev X [nodad]}. */
    public static byte[] addAddress(int index, IpPrefix prefix, boolean noDad) {
        return address(RTM_NEWADDR, CREATE, index, prefix, noDad);
    }

    /** {@code ip addr del A/N dev X}. */
    public static byte[] delAddress(int index, IpPrefix prefix) {
        return address(RTM_DELADDR, MODIFY, index, prefix, false);
    }

    private static byte[] address(int type, int flags, int index, IpPrefix prefix, boolean noDad) {
        byte[] a = prefix.address().getAddress();
        return new MessageWriter(type, flags)
                .ifaddrmsg(family(prefix), prefix.prefixLength(), noDad ? IFA_F_NODAD : 0, 0, index)
                .attr(IFA_LOCAL, a).attr(IFA_ADDRESS, a).build();
    }

    /** {@code ip addr show} (all families). */
    public static byte[] dumpAddresses() {
        return new MessageWriter(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP).ifaddrmsg(AF_UNSPEC, 0, 0, 0, 0).build();
    }

    // ------------------------------------------------------------------ routes

    /** {@code ip route add ...} for the shapes {@link Route} offers. */
    public static byte[] addRoute(Route r) {
        MessageWriter w = new MessageWriter(RTM_NEWROUTE, CREATE).rtmsg(family(r.destination()),
                r.destination().prefixLength(), 0, 0, r.table() < 256 ? r.table() : RT_TABLE_UNSPEC, r.protocol(),
                r.scope(), r.type(), r.onLink() ? RTNH_F_ONLINK : 0);
        routeAttrs(w, r);
        return w.build();
    }

    /** {@code ip route del ...}: iproute2 leaves protocol/type unspecified and scope "nowhere" (match any). */
    public static byte[] delRoute(Route r) {
        MessageWriter w = new MessageWriter(RTM_DELROUTE, MODIFY).rtmsg(family(r.destination()),
                r.destination().prefixLength(), 0, 0, r.table() < 256 ? r.table() : RT_TABLE_UNSPEC,
                RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC, 0);
        routeAttrs(w, r);
        return w.build();
    }

    private static void routeAttrs(MessageWriter w, Route r) {
        // iproute2 sends RTA_DST for every IPv6 route (also ::/0) but not for the IPv4 default route
        if (r.destination().prefixLength() > 0 || !r.destination().isIpv4()) {
            w.attr(RTA_DST, r.destination().address().getAddress());
        }
        r.gateway().ifPresent(g -> w.attr(RTA_GATEWAY, g.getAddress()));
        if (r.outIndex() > 0) {
            w.attrU32(RTA_OIF, r.outIndex());
        }
        r.priority().ifPresent(p -> w.attrU32(RTA_PRIORITY, p));
        if (r.table() >= 256) {
            w.attrU32(RTA_TABLE, r.table());
        }
    }

    /** {@code ip [-6] route show}: dump of the main table of one family. */
    public static byte[] dumpRoutes(boolean ipv6) {
        return new MessageWriter(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP)
                .rtmsg(ipv6 ? AF_INET6 : AF_INET, 0, 0, 0, 0, 0, 0, 0, 0).attrU32(RTA_TABLE, RT_TABLE_MAIN).build();
    }

    // ------------------------------------------------------------------ helpers

    private static MessageWriter modify(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("interface index must be > 0, got " + index);
        }
        return new MessageWriter(RTM_NEWLINK, MODIFY).ifinfomsg(AF_UNSPEC, 0, index, 0, 0);
    }

    private static int family(IpPrefix p) {
        return p.address() instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Interface names as the kernel accepts them ({@link InterfaceNames#check}). */
    public static void checkName(String name) {
        InterfaceNames.check(name);
    }
}
