package dev.fastpath.nativeaccess.netlink;

/** A VF's administrative link state as the PF enforces it (IFLA_VF_LINK_STATE). */
public enum VfLinkState {
    /** Follow the PF's link. */
    AUTO,
    ENABLE,
    DISABLE;

    public int value() {
        return ordinal();
    }

    public static VfLinkState of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("unknown VF link state " + value);
        }
        return values()[value];
    }
}
