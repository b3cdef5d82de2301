package dev.fastpath.nativeaccess.netlink;

import java.util.Optional;

/**
 * Settings to apply to one VF through its PF, in one RTM_NEWLINK (like one {@code ip link set dev PF vf N ...}).
 * Only the fields set are sent. Build with {@link #vf(int)}.
 */
public record VfConfig(int vf, Optional<MacAddress> mac, Optional<Vlan> vlan, Optional<Boolean> spoofCheck,
        Optional<VfLinkState> linkState, Optional<Boolean> trust, Optional<Rate> rate) {

    /** VLAN 0..4095 (0 = none), QoS 0..7, tag protocol. */
    public record Vlan(int id, int qos, VlanProtocol protocol) {
        public Vlan {
            if (id < 0 || id > 4095) {
                throw new IllegalArgumentException("VF VLAN id " + id + " out of range 0..4095");
            }
            if (qos < 0 || qos > 7) {
                throw new IllegalArgumentException("VF VLAN qos " + qos + " out of range 0..7");
            }
        }
    }

    /** Tx rate limits in Mbit/s; max 0 = no limit. */
    public record Rate(int minMbps, int maxMbps) {
        public Rate {
            if (minMbps < 0 || maxMbps < 0) {
                throw new IllegalArgumentException("VF tx rates must be >= 0, got min " + minMbps + " max " + maxMbps);
            }
            if (maxMbps != 0 && maxMbps < minMbps) {
                throw new IllegalArgumentException("VF max_tx_rate " + maxMbps + " is below min_tx_rate " + minMbps);
            }
        }
    }

    public VfConfig {
        if (vf < 0) {
            throw new IllegalArgumentException("VF number must be >= 0, got " + vf);
        }
    }

    public static VfConfig vf(int vf) {
        return new VfConfig(vf, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public VfConfig mac(MacAddress m) {
        return new VfConfig(vf, Optional.of(m), vlan, spoofCheck, linkState, trust, rate);
    }

    public VfConfig vlan(int id, int qos, VlanProtocol protocol) {
        return new VfConfig(vf, mac, Optional.of(new Vlan(id, qos, protocol)), spoofCheck, linkState, trust, rate);
    }

    public VfConfig spoofCheck(boolean on) {
        return new VfConfig(vf, mac, vlan, Optional.of(on), linkState, trust, rate);
    }

    public VfConfig linkState(VfLinkState state) {
        return new VfConfig(vf, mac, vlan, spoofCheck, Optional.of(state), trust, rate);
    }

    public VfConfig trust(boolean on) {
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, Optional.of(on), rate);
    }

    public VfConfig rate(int minMbps, int maxMbps) {
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, trust, Optional.of(new Rate(minMbps, maxMbps)));
    }

    public boolean isEmpty() {
        return mac.isEmpty() && vlan.isEmpty() && spoofCheck.isEmpty() && linkState.isEmpty() && trust.isEmpty()
                && rate.isEmpty();
    }
}
