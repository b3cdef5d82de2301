package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.codec.MessageWriter;
import dev.fastpath.nativeaccess.netlink.codec.NetlinkMessage;
import dev.fastpath.nativeaccess.netlink.codec.Rtnl;
import dev.fastpath.nativeaccess.netlink.codec.RtnlParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PF's RTM_NEWLINK reply with one VF, laid out as the kernel's rtnl_fill_vfinfo does (every IFLA_VF_* it
 * always sends, spoof check and trust as -1 when the driver does not say), parsed back by the native codec: the
 * VfInfo the agent would get from a real PF. There is no SR-IOV NIC here to answer for real.
 */
final class PfVfReplies {
    /** One VF's state as a driver reports it; spoofCheck/trust: 1 on, 0 off, -1 not reported. */
    record VfState(int vf, byte[] mac, int vlan, int qos, int vlanProtocol, int minTxRate, int maxTxRate, int spoofCheck,
            int linkState, int trust) {
        static VfState defaults(int vf) {
            return new VfState(vf, new byte[] {2, 0, 0, 0, 7, (byte) vf}, 0, 0, 0x8100, 0, 0, 1, 0, 0);
        }

        VfState vlan(int id, int q, int proto) {
            return new VfState(vf, mac, id, q, proto, minTxRate, maxTxRate, spoofCheck, linkState, trust);
        }

        VfState rate(int min, int max) {
            return new VfState(vf, mac, vlan, qos, vlanProtocol, min, max, spoofCheck, linkState, trust);
        }

        VfState spoofTrust(int spoof, int tr) {
            return new VfState(vf, mac, vlan, qos, vlanProtocol, minTxRate, maxTxRate, spoof, linkState, tr);
        }

        VfState linkState(int state) {
            return new VfState(vf, mac, vlan, qos, vlanProtocol, minTxRate, maxTxRate, spoofCheck, state, trust);
        }

        VfState mac(byte[] m) {
            return new VfState(vf, m, vlan, qos, vlanProtocol, minTxRate, maxTxRate, spoofCheck, linkState, trust);
        }
    }

    private PfVfReplies() {}

    static byte[] pfReply(VfState s) {
        MessageWriter w = new MessageWriter(Rtnl.RTM_NEWLINK, 0).ifinfomsg(0, 1, 4, 0x1003, 0)
                .attrString(Rtnl.IFLA_IFNAME, "ens1f0").attrU32(Rtnl.IFLA_MTU, 1500)
                .attrString(Rtnl.IFLA_PARENT_DEV_NAME, "0000:03:00.0").attrString(Rtnl.IFLA_PARENT_DEV_BUS_NAME, "pci")
                .attrU32(Rtnl.IFLA_NUM_VF, s.vf() + 1);
        int list = w.beginNest(Rtnl.IFLA_VFINFO_LIST);
        int info = w.beginNest(Rtnl.IFLA_VF_INFO);
        int vf = s.vf();
        w.attr(Rtnl.IFLA_VF_MAC, le(36).putInt(vf).put(s.mac()).array());
        w.attr(Rtnl.IFLA_VF_BROADCAST, le(32).put(new byte[] {-1, -1, -1, -1, -1, -1}).array());
        w.attr(Rtnl.IFLA_VF_VLAN, le(12).putInt(vf).putInt(s.vlan()).putInt(s.qos()).array());
        w.attr(Rtnl.IFLA_VF_RATE, le(12).putInt(vf).putInt(s.minTxRate()).putInt(s.maxTxRate()).array());
        w.attr(Rtnl.IFLA_VF_TX_RATE, le(8).putInt(vf).putInt(s.maxTxRate()).array());
        w.attr(Rtnl.IFLA_VF_SPOOFCHK, le(8).putInt(vf).putInt(s.spoofCheck()).array());
        w.attr(Rtnl.IFLA_VF_LINK_STATE, le(8).putInt(vf).putInt(s.linkState()).array());
        w.attr(Rtnl.IFLA_VF_RSS_QUERY_EN, le(8).putInt(vf).putInt(-1).array());
        w.attr(Rtnl.IFLA_VF_TRUST, le(8).putInt(vf).putInt(s.trust()).array());
        int vl = w.beginNest(Rtnl.IFLA_VF_VLAN_LIST);
        ByteBuffer vi = le(16).putInt(vf).putInt(s.vlan()).putInt(s.qos());
        vi.order(ByteOrder.BIG_ENDIAN).putShort((short) s.vlanProtocol());
        w.attr(Rtnl.IFLA_VF_VLAN_INFO, vi.array()).endNest(vl);
        w.endNest(info);
        w.endNest(list);
        return w.build();
    }

    /** The VF as the agent sees it after parsing the PF's reply. */
    static VfInfo parsed(VfState s) {
        return parseLink(pfReply(s)).vfs().getFirst();
    }

    static Link parseLink(byte[] message) {
        return RtnlParser.link(NetlinkMessage.split(ByteBuffer.wrap(message)).getFirst());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
