package dev.fastpath.nativeaccess.netlink;

/** VLAN tag protocol: 802.1Q (C-tag, 0x8100) or 802.1ad (S-tag, 0x88a8). */
public enum VlanProtocol {
    IEEE_802_1Q(0x8100), IEEE_802_1AD(0x88a8);

    private final int ethertype;

    VlanProtocol(int ethertype) {
        this.ethertype = ethertype;
    }

    public int ethertype() {
        return ethertype;
    }

    public static VlanProtocol of(int ethertype) {
        for (VlanProtocol p : values()) {
            if (p.ethertype == ethertype) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown VLAN protocol 0x" + Integer.toHexString(ethertype));
    }
}
