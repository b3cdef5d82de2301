package dev.fastpath.nativeaccess.netlink.codec;

/** rtnetlink numbers from the uapi headers (kernel-abi.md §1). Names follow the C constants. */
public final class Rtnl {
    private Rtnl() {}

    // nlmsghdr types and flags
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4;
    public static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4, NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    public static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;
    public static final int NLA_F_NESTED = 0x8000, NLA_F_NET_BYTEORDER = 0x4000, NLA_TYPE_MASK = 0x3FFF;
    public static final int NLMSGERR_ATTR_MSG = 1, NLMSGERR_ATTR_OFFS = 2;

    // message types
    public static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;

    // families
    public static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10, AF_PACKET = 17;

    // ifinfomsg
    public static final int IFINFOMSG_LEN = 16;
    public static final int IFF_UP = 0x1, IFF_LOWER_UP = 0x10000;
    public static final int IFLA_ADDRESS = 1, IFLA_BROADCAST = 2, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10, IFLA_OPERSTATE = 16, IFLA_LINKINFO = 18, IFLA_NET_NS_PID = 19;
    public static final int IFLA_NUM_VF = 21, IFLA_VFINFO_LIST = 22, IFLA_NET_NS_FD = 28, IFLA_EXT_MASK = 29;
    public static final int IFLA_LINK_NETNSID = 37, IFLA_PROP_LIST = 52, IFLA_ALT_IFNAME = 53;
    public static final int IFLA_PARENT_DEV_NAME = 56, IFLA_PARENT_DEV_BUS_NAME = 57;
    public static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    public static final int VETH_INFO_PEER = 1;
    public static final int IFLA_VLAN_ID = 1, IFLA_VLAN_PROTOCOL = 5;
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int RTEXT_FILTER_VF = 0x1, RTEXT_FILTER_SKIP_STATS = 0x8;

    // SR-IOV VF attributes (inside IFLA_VFINFO_LIST -> IFLA_VF_INFO)
    public static final int IFLA_VF_INFO = 1;
    public static final int IFLA_VF_MAC = 1, IFLA_VF_VLAN = 2, IFLA_VF_TX_RATE = 3, IFLA_VF_SPOOFCHK = 4;
    public static final int IFLA_VF_LINK_STATE = 5, IFLA_VF_RATE = 6, IFLA_VF_RSS_QUERY_EN = 7, IFLA_VF_STATS = 8;
    public static final int IFLA_VF_TRUST = 9, IFLA_VF_IB_NODE_GUID = 10, IFLA_VF_IB_PORT_GUID = 11;
    public static final int IFLA_VF_VLAN_LIST = 12, IFLA_VF_BROADCAST = 13;
    public static final int IFLA_VF_VLAN_INFO = 1;
    public static final int IFLA_VF_STATS_RX_PACKETS = 0, IFLA_VF_STATS_TX_PACKETS = 1, IFLA_VF_STATS_RX_BYTES = 2;
    public static final int IFLA_VF_STATS_TX_BYTES = 3, IFLA_VF_STATS_BROADCAST = 4, IFLA_VF_STATS_MULTICAST = 5;
    public static final int IFLA_VF_STATS_RX_DROPPED = 7, IFLA_VF_STATS_TX_DROPPED = 8;
    public static final int ETH_P_8021Q = 0x8100, ETH_P_8021AD = 0x88a8;

    // ifaddrmsg
    public static final int IFADDRMSG_LEN = 8;
    public static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4, IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02, IFA_F_PERMANENT = 0x80;

    // rtmsg
    public static final int RTMSG_LEN = 12;
    public static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_PREFSRC = 7;
    public static final int RTA_TABLE = 15;
    public static final int RT_TABLE_UNSPEC = 0, RT_TABLE_MAIN = 254;
    public static final int RTPROT_UNSPEC = 0, RTPROT_KERNEL = 2, RTPROT_BOOT = 3, RTPROT_STATIC = 4;
    public static final int RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255;
    public static final int RTN_UNSPEC = 0, RTN_UNICAST = 1;
    public static final int RTNH_F_ONLINK = 0x4;

    /** Human name of a request type for error messages ("RTM_NEWLINK"). */
    public static String typeName(int type) {
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_SETLINK -> "RTM_SETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            default -> "netlink type " + type;
        };
    }
}
