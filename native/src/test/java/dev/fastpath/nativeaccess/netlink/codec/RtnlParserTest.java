package dev.fastpath.nativeaccess.netlink.codec;

import static org.junit.jupiter.api.Assertions.*;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.netlink.Address;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.Route;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.VfLinkState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Parsing of replies iproute2 received (captured with strace in capture.py's throwaway netns: fpa (ifindex 3,
 * MAC 02:00:00:aa:bb:cc, MTU 1400, 10.99.0.2/24, fd00::2/64), veth peer fpb (2), fpc (4) whose peer went to
 * another netns, macvlan fpm4 on fpc; routes as in capture.py). VF dumps cannot be captured here (no SR-IOV
 * device), so {@link #vfInfoListEveryField} builds one in the kernel's rtnl_fill_vfinfo layout.
 */
class RtnlParserTest {

    private static List<NetlinkMessage> replies(String vector, int type) {
        return CapturedVector.load(vector).receivedMessages().stream().filter(m -> m.type() == type).toList();
    }

    private static Link link(List<Link> links, String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + links.stream().map(Link::name).toList()));
    }

    @Test
    void linkDump() {
        List<NetlinkMessage> msgs = CapturedVector.load("dump-link-detail").receivedMessages();
        List<Link> links = msgs.stream().filter(m -> m.type() == Rtnl.RTM_NEWLINK).map(RtnlParser::link).toList();
        assertTrue(msgs.stream().allMatch(m -> m.type() != Rtnl.RTM_NEWLINK || (m.flags() & Rtnl.NLM_F_MULTI) != 0));
        assertTrue(msgs.stream().anyMatch(NetlinkMessage::isDone), "dump ends with NLMSG_DONE");
        assertEquals(List.of("lo", "fpb", "fpa", "fpc", "fpm4"), links.stream().map(Link::name).toList());
        Link fpa = link(links, "fpa");
        assertEquals(3, fpa.index());
        assertEquals(1400, fpa.mtu());
        assertEquals("02:00:00:aa:bb:cc", fpa.mac().orElseThrow().toString());
        assertEquals(Optional.of("veth"), fpa.kind());
        assertTrue(fpa.isUp());
        assertEquals(2, fpa.lowerIndex(), "veth IFLA_LINK is the peer");
        assertEquals(1, fpa.arpType(), "ARPHRD_ETHER");
        Link fpc = link(links, "fpc");
        assertFalse(fpc.isUp());
        assertTrue(fpc.linkNetnsId().isPresent(), "peer lives in another netns");
        Link fpm4 = link(links, "fpm4");
        assertEquals(Optional.of("macvlan"), fpm4.kind());
        assertEquals(4, fpm4.lowerIndex());
        assertEquals(772, link(links, "lo").arpType(), "ARPHRD_LOOPBACK");
    }

    @Test
    void singleLinkReplyAndTheRequestItAnswers() {
        List<Link> links = replies("link-show-dev", Rtnl.RTM_NEWLINK).stream().map(RtnlParser::link).toList();
        assertEquals("fpa", links.get(0).name());
    }

    @Test
    void addressDump() {
        List<Address> addrs = replies("dump-addr", Rtnl.RTM_NEWADDR).stream().map(RtnlParser::address).toList();
        assertTrue(addrs.contains(new Address(3, IpPrefix.parse("10.99.0.2/24"), 0, Address.IFA_F_PERMANENT,
                Optional.of("fpa"))), addrs.toString());
        assertTrue(addrs.contains(new Address(3, IpPrefix.parse("fd00::2/64"), 0,
                Address.IFA_F_PERMANENT | Address.IFA_F_NODAD, Optional.empty())), addrs.toString());
        assertTrue(addrs.contains(new Address(1, IpPrefix.parse("127.0.0.1/8"), 254, Address.IFA_F_PERMANENT,
                Optional.of("lo"))));
    }

    @Test
    void routeDumps() {
        List<Route> v4 = replies("dump-route-v4", Rtnl.RTM_NEWROUTE).stream().map(RtnlParser::route).toList();
        Route def = v4.stream().filter(Route::isDefault).findFirst().orElseThrow();
        assertEquals(Optional.of(IpPrefix.literal("10.99.0.1")), def.gateway());
        assertEquals(3, def.outIndex());
        assertEquals(Route.TABLE_MAIN, def.table());
        Route onlink = v4.stream().filter(r -> r.destination().equals(IpPrefix.parse("10.95.0.0/16"))).findFirst()
                .orElseThrow();
        assertTrue(onlink.onLink());
        Route link = v4.stream().filter(r -> r.destination().equals(IpPrefix.parse("10.97.0.0/16"))).findFirst()
                .orElseThrow();
        assertEquals(Route.SCOPE_LINK, link.scope());
        assertTrue(link.gateway().isEmpty());
        Route connected = v4.stream().filter(r -> r.destination().equals(IpPrefix.parse("10.99.0.0/24")))
                .findFirst().orElseThrow();
        assertEquals(Optional.of(IpPrefix.literal("10.99.0.2")), connected.preferredSource());
        List<Route> v6 = replies("dump-route-v6", Rtnl.RTM_NEWROUTE).stream().map(RtnlParser::route).toList();
        Route def6 = v6.stream().filter(Route::isDefault).findFirst().orElseThrow();
        assertEquals(Optional.of(IpPrefix.literal("fd00::1")), def6.gateway());
        assertEquals(Optional.of(1024), def6.priority());
    }

    @Test
    void errorsAndAcks() {
        NetlinkAck ok = NetlinkAck.parse(replies("link-add-veth", Rtnl.NLMSG_ERROR).getLast());
        assertTrue(ok.isSuccess());
        assertEquals(Rtnl.RTM_NEWLINK, ok.requestType());
        NetlinkAck exists = NetlinkAck.parse(replies("error-eexist", Rtnl.NLMSG_ERROR).getLast());
        assertEquals(Errno.EEXIST, exists.errno());
        NetlinkAck nodev = NetlinkAck.parse(replies("error-enodev", Rtnl.NLMSG_ERROR).getLast());
        assertEquals(Errno.ENODEV, nodev.errno());
        assertEquals(Rtnl.RTM_GETLINK, nodev.requestType());
        NetlinkAck vf = NetlinkAck.parse(replies("error-vf-on-veth", Rtnl.NLMSG_ERROR).getLast());
        assertEquals(Errno.EOPNOTSUPP, vf.errno());
        // ext-ack TLV after the full echoed request (flags NLM_F_ACK_TLVS)
        NetlinkMessage vlanMsg = replies("link-add-vlan-8021q", Rtnl.NLMSG_ERROR).getLast();
        assertEquals(Rtnl.NLM_F_ACK_TLVS, vlanMsg.flags() & Rtnl.NLM_F_ACK_TLVS);
        NetlinkAck vlan = NetlinkAck.parse(vlanMsg);
        assertEquals(Errno.EOPNOTSUPP, vlan.errno());
        assertEquals(Optional.of("Unknown device type"), vlan.message());
    }

    /** A PF link message as rtnl_fill_vfinfo lays it out, two VFs, every IFLA_VF_* attribute. */
    @Test
    void vfInfoListEveryField() {
        byte[] msg = pfWithVfs(2, true);
        Link pf = RtnlParser.link(NetlinkMessage.split(ByteBuffer.wrap(msg)).getFirst());
        assertEquals("pf0", pf.name());
        assertEquals(Optional.of(2), pf.numVfs());
        assertEquals(Optional.of("0000:03:00.0"), pf.parentDevice());
        assertEquals(Optional.of("pci"), pf.parentBus());
        assertEquals(List.of("enp3s0f0"), pf.altNames(), "PROP_LIST carries NLA_F_NESTED; it is masked");
        assertEquals(2, pf.vfs().size());
        VfInfo v1 = pf.vfs().get(1);
        assertEquals(1, v1.vf());
        assertEquals("02:00:00:00:01:01", v1.mac().toString());
        assertEquals("ff:ff:ff:ff:ff:ff", v1.broadcast().toString());
        assertEquals(101, v1.vlan());
        assertEquals(4, v1.qos());
        assertEquals(0x88a8, v1.vlanProtocol());
        assertEquals(10, v1.minTxRate());
        assertEquals(1001, v1.maxTxRate());
        assertEquals(Optional.of(false), v1.spoofCheck());
        assertEquals(Optional.of(true), v1.trust());
        assertEquals(Optional.empty(), v1.rssQuery(), "-1 = driver does not report");
        assertEquals(VfLinkState.DISABLE, v1.linkState());
        var s = v1.stats().orElseThrow();
        assertEquals(List.of(2000L, 2001L, 2002L, 2003L, 2004L, 2005L, 2007L, 2008L), List.of(s.rxPackets(),
                s.txPackets(), s.rxBytes(), s.txBytes(), s.broadcast(), s.multicast(), s.rxDropped(), s.txDropped()));
        VfInfo v0 = pf.vfs().get(0);
        assertEquals(0, v0.vf());
        assertEquals(100, v0.vlan());
        assertEquals(VfLinkState.AUTO, v0.linkState());
    }

    /** 128 VFs with stats: ~38 KiB in one message, more than fixed 32 KiB buffers hold. */
    @Test
    void manyVfs() {
        byte[] msg = pfWithVfs(128, true);
        assertTrue(msg.length > 32 * 1024, "message is " + msg.length + " bytes");
        Link pf = RtnlParser.link(NetlinkMessage.split(ByteBuffer.wrap(msg)).getFirst());
        assertEquals(128, pf.vfs().size());
        assertEquals(127, pf.vfs().get(127).vf());
        assertEquals(227, pf.vfs().get(127).vlan());
    }

    @Test
    void truncatedInputNeverThrows() {
        byte[] msg = pfWithVfs(2, false);
        for (int cut = 0; cut < msg.length; cut += 7) {
            ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(msg, cut));
            for (NetlinkMessage m : NetlinkMessage.split(b)) {
                RtnlParser.link(m);
            }
            Attributes.parse(b.order(ByteOrder.LITTLE_ENDIAN), 0, cut);
        }
    }

    static byte[] pfWithVfs(int count, boolean stats) {
        MessageWriter w = new MessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_MULTI).ifinfomsg(0, 1, 7, 0x1003, 0)
                .attrString(Rtnl.IFLA_IFNAME, "pf0").attrU32(Rtnl.IFLA_MTU, 9000)
                .attr(Rtnl.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, 0x10});
        int props = w.beginNest(Rtnl.IFLA_PROP_LIST | Rtnl.NLA_F_NESTED);
        w.attrString(Rtnl.IFLA_ALT_IFNAME, "enp3s0f0").endNest(props);
        w.attrString(Rtnl.IFLA_PARENT_DEV_NAME, "0000:03:00.0").attrString(Rtnl.IFLA_PARENT_DEV_BUS_NAME, "pci");
        w.attrU32(Rtnl.IFLA_NUM_VF, count);
        int list = w.beginNest(Rtnl.IFLA_VFINFO_LIST);
        for (int vf = 0; vf < count; vf++) {
            int info = w.beginNest(Rtnl.IFLA_VF_INFO);
            w.attr(Rtnl.IFLA_VF_MAC, le(36).putInt(vf).put(new byte[] {2, 0, 0, 0, 1, (byte) vf}).array());
            w.attr(Rtnl.IFLA_VF_BROADCAST, le(32).put(new byte[] {-1, -1, -1, -1, -1, -1}).array());
            w.attr(Rtnl.IFLA_VF_VLAN, le(12).putInt(vf).putInt(100 + vf).putInt(3 + vf % 5).array());
            w.attr(Rtnl.IFLA_VF_RATE, le(12).putInt(vf).putInt(10 * vf).putInt(1000 + vf).array());
            w.attr(Rtnl.IFLA_VF_TX_RATE, le(8).putInt(vf).putInt(1000 + vf).array());
            w.attr(Rtnl.IFLA_VF_SPOOFCHK, le(8).putInt(vf).putInt(vf % 2 == 0 ? 1 : 0).array());
            w.attr(Rtnl.IFLA_VF_LINK_STATE, le(8).putInt(vf).putInt(vf == 1 ? 2 : 0).array());
            w.attr(Rtnl.IFLA_VF_RSS_QUERY_EN, le(8).putInt(vf).putInt(-1).array());
            w.attr(Rtnl.IFLA_VF_TRUST, le(8).putInt(vf).putInt(vf % 2).array());
            int vl = w.beginNest(Rtnl.IFLA_VF_VLAN_LIST);
            ByteBuffer vi = le(16).putInt(vf).putInt(100 + vf).putInt(3 + vf % 5);
            vi.order(ByteOrder.BIG_ENDIAN).putShort((short) (vf == 0 ? 0x8100 : 0x88a8));
            w.attr(Rtnl.IFLA_VF_VLAN_INFO, vi.array()).endNest(vl);
            if (stats) {
                int st = w.beginNest(Rtnl.IFLA_VF_STATS);
                for (int t = 0; t <= 8; t++) {
                    if (t == 6) {
                        w.attr(6, new byte[0]); // IFLA_VF_STATS_PAD
                        continue;
                    }
                    w.attr(t, le(8).putLong(vf * 1000L + 1000 + t).array());
                }
                w.endNest(st);
            }
            w.endNest(info);
        }
        w.endNest(list);
        return w.build();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
