package dev.fastpath.nativeaccess.netlink;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings to apply to one VF through its PF, in one RTM_NEWLINK (like one {@code ip link set dev PF vf N ...}).
 * Only the fields set are sent. Build with {@link #vf(int)}.
 *
 * <p>Tx rates: the kernel takes both limits in one IFLA_VF_RATE. {@link #rate(int, int)} sets both. {@link
 * #minTxRate(int)} / {@link #maxTxRate(int)} set one and keep the other, as {@code ip link set ... vf N
 * max_tx_rate X} does: the facade reads the VF's current limits first and fills the missing one in ({@link
 * #rateUpdate} holds the half that is known until then; {@code rate} and {@code rateUpdate} are never both set).
 */
public record VfConfig(int vf, Optional<MacAddress> mac, Optional<Vlan> vlan, Optional<Boolean> spoofCheck,
        Optional<VfLinkState> linkState, Optional<Boolean> trust, Optional<Rate> rate,
        Optional<RateUpdate> rateUpdate) {

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

    /**
     * One tx rate limit in Mbit/s, the other to stay as the VF has it now ({@code min_tx_rate} or
     * {@code max_tx_rate} alone on the {@code ip} command line). Exactly one half is present.
     */
    public record RateUpdate(OptionalInt minMbps, OptionalInt maxMbps) {
        public RateUpdate {
            if (minMbps.isPresent() == maxMbps.isPresent()) {
                throw new IllegalArgumentException("a VF rate update sets exactly one of min_tx_rate/max_tx_rate");
            }
            if (minMbps.orElse(0) < 0 || maxMbps.orElse(0) < 0) {
                throw new IllegalArgumentException("VF tx rates must be >= 0, got min " + minMbps + " max " + maxMbps);
            }
        }

        /**
         * Both limits: the known half from this update, the other from {@code current} (the VF as its PF reports
         * it), or 0 when the PF does not report this VF (iproute2 6.1 sends 0 there too; the kernel then refuses
         * the request because the VF does not exist). Refuses a min above a non-zero max, as iproute2 does.
         */
        public Rate over(Optional<VfInfo> current) {
            return new Rate(minMbps.orElse(current.map(VfInfo::minTxRate).orElse(0)),
                    maxMbps.orElse(current.map(VfInfo::maxTxRate).orElse(0)));
        }
    }

    public VfConfig {
        if (vf < 0) {
            throw new IllegalArgumentException("VF number must be >= 0, got " + vf);
        }
        if (rate.isPresent() && rateUpdate.isPresent()) {
            throw new IllegalArgumentException("VF " + vf + ": a full rate and a one-sided rate update together");
        }
    }

    /** The record as it was before {@link #rateUpdate} existed: no one-sided rate update. */
    public VfConfig(int vf, Optional<MacAddress> mac, Optional<Vlan> vlan, Optional<Boolean> spoofCheck,
            Optional<VfLinkState> linkState, Optional<Boolean> trust, Optional<Rate> rate) {
        this(vf, mac, vlan, spoofCheck, linkState, trust, rate, Optional.empty());
    }

    public static VfConfig vf(int vf) {
        return new VfConfig(vf, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public VfConfig mac(MacAddress m) {
        return new VfConfig(vf, Optional.of(m), vlan, spoofCheck, linkState, trust, rate, rateUpdate);
    }

    public VfConfig vlan(int id, int qos, VlanProtocol protocol) {
        return new VfConfig(vf, mac, Optional.of(new Vlan(id, qos, protocol)), spoofCheck, linkState, trust, rate,
                rateUpdate);
    }

    public VfConfig spoofCheck(boolean on) {
        return new VfConfig(vf, mac, vlan, Optional.of(on), linkState, trust, rate, rateUpdate);
    }

    public VfConfig linkState(VfLinkState state) {
        return new VfConfig(vf, mac, vlan, spoofCheck, Optional.of(state), trust, rate, rateUpdate);
    }

    public VfConfig trust(boolean on) {
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, Optional.of(on), rate, rateUpdate);
    }

    /** Both tx limits, sent as given (no read of the VF's current ones). */
    public VfConfig rate(int minMbps, int maxMbps) {
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, trust, Optional.of(new Rate(minMbps, maxMbps)),
                Optional.empty());
    }

    /** {@code min_tx_rate N}: the max limit stays as the VF has it unless {@link #maxTxRate} is also given. */
    public VfConfig minTxRate(int mbps) {
        if (rate.isPresent()) {
            return rate(mbps, rate.get().maxMbps());
        }
        if (rateUpdate.isPresent() && rateUpdate.get().maxMbps().isPresent()) {
            return rate(mbps, rateUpdate.get().maxMbps().getAsInt());
        }
        return withRateUpdate(new RateUpdate(OptionalInt.of(mbps), OptionalInt.empty()));
    }

    /** {@code max_tx_rate N} (0 = no limit): the min limit stays as the VF has it unless {@link #minTxRate} is given. */
    public VfConfig maxTxRate(int mbps) {
        if (rate.isPresent()) {
            return rate(rate.get().minMbps(), mbps);
        }
        if (rateUpdate.isPresent() && rateUpdate.get().minMbps().isPresent()) {
            return rate(rateUpdate.get().minMbps().getAsInt(), mbps);
        }
        return withRateUpdate(new RateUpdate(OptionalInt.empty(), OptionalInt.of(mbps)));
    }

    private VfConfig withRateUpdate(RateUpdate update) {
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, trust, Optional.empty(), Optional.of(update));
    }

    /** True when one tx limit is to be kept: the request can only be built once the VF's current limits are read. */
    public boolean needsCurrentRate() {
        return rateUpdate.isPresent();
    }

    /** This config with the one-sided rate update completed from the VF's current limits (see {@link RateUpdate#over}). */
    public VfConfig withCurrentRate(Optional<VfInfo> current) {
        if (rateUpdate.isEmpty()) {
            return this;
        }
        return new VfConfig(vf, mac, vlan, spoofCheck, linkState, trust, Optional.of(rateUpdate.get().over(current)),
                Optional.empty());
    }

    public boolean isEmpty() {
        return mac.isEmpty() && vlan.isEmpty() && spoofCheck.isEmpty() && linkState.isEmpty() && trust.isEmpty()
                && rate.isEmpty() && rateUpdate.isEmpty();
    }
}
