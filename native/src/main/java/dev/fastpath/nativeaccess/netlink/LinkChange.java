package dev.fastpath.nativeaccess.netlink;

import java.util.Optional;

/**
 * Several link settings applied in one RTM_NEWLINK, like {@code ip link set dev X address M mtu N name NEW up}:
 * one round trip instead of one per setting. Build with {@link #of()}.
 */
public record LinkChange(Optional<MacAddress> mac, Optional<Integer> mtu, Optional<String> name,
        Optional<Boolean> up) {

    public static LinkChange of() {
        return new LinkChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LinkChange mac(MacAddress m) {
        return new LinkChange(Optional.of(m), mtu, name, up);
    }

    public LinkChange mtu(int m) {
        if (m <= 0) {
            throw new IllegalArgumentException("MTU must be positive, got " + m);
        }
        return new LinkChange(mac, Optional.of(m), name, up);
    }

    public LinkChange name(String n) {
        return new LinkChange(mac, mtu, Optional.of(n), up);
    }

    public LinkChange up(boolean u) {
        return new LinkChange(mac, mtu, name, Optional.of(u));
    }

    public boolean isEmpty() {
        return mac.isEmpty() && mtu.isEmpty() && name.isEmpty() && up.isEmpty();
    }

    @Override
    public String toString() {
        return (mac.map(m -> " address " + m).orElse("") + mtu.map(m -> " mtu " + m).orElse("")
                + name.map(n -> " name " + n).orElse("") + up.map(u -> u ? " up" : " down").orElse("")).trim();
    }
}
