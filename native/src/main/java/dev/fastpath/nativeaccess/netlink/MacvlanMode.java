package dev.fastpath.nativeaccess.netlink;

/** macvlan modes (IFLA_MACVLAN_MODE values). */
public enum MacvlanMode {
    PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

    private final int value;

    MacvlanMode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static MacvlanMode of(int value) {
        for (MacvlanMode m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown macvlan mode " + value);
    }
}
