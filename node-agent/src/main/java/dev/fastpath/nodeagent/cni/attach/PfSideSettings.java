package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.NetConf;
import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.VfLinkState;
import dev.fastpath.nativeaccess.netlink.VlanProtocol;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The VF settings made on the PF (IFLA_VF_* in one RTM_NEWLINK, like {@code ip link set PF vf N ...}):
 * VLAN/QoS/protocol, MAC, spoof check, trust, link state, rates. Applied only when the netconf asks for
 * any of them, after the VF's current values are saved; DEL puts back the saved values of the settings it
 * changed (only those: re-sending an untouched MAC makes some drivers reset the VF). CHECK compares what the
 * netconf asks for with what the PF reports ({@link #verify}).
 */
public final class PfSideSettings {
    // Names of the settings as the netconf spells them (sriov-cni's names), used in messages and the checkpoint.
    static final String VLAN = "vlan", VLAN_QOS = "vlanQoS", VLAN_PROTO = "vlanProto", MAC = "mac", SPOOFCHK = "spoofchk",
            TRUST = "trust", LINK_STATE = "link_state", MIN_TX_RATE = "min_tx_rate", MAX_TX_RATE = "max_tx_rate";

    private PfSideSettings() {}

    /** One setting the PF reports differently from what the netconf asks for, in the netconf's words. */
    public record Mismatch(String setting, String expected, String actual) {
        public String describe(String pfNetdev, VirtualFunction vf) {
            return "VF " + vf.index() + " (" + vf.address() + ") on PF " + pfNetdev + ": " + setting + " is " + actual
                    + ", the netconf asks for " + expected;
        }
    }

    /**
     * The settings the netconf asks for, empty when it asks for none. A netconf with only one of min_tx_rate /
     * max_tx_rate yields a one-sided rate update: the other limit keeps the VF's current value ({@link
     * Handle#setVf} reads it), where sending 0 would clear it.
     */
    public static Optional<VfConfig> requested(NetConf conf, int vfIndex, boolean includeMac) {
        VfConfig config = VfConfig.vf(vfIndex);
        if (conf.vlan() != null) {
            VlanProtocol proto = conf.vlanProto() != null && conf.vlanProto().toLowerCase(Locale.ROOT).equals("802.1ad")
                    ? VlanProtocol.IEEE_802_1AD : VlanProtocol.IEEE_802_1Q;
            config = config.vlan(conf.vlan(), conf.vlanQoS() == null ? 0 : conf.vlanQoS(), proto);
        }
        if (includeMac && conf.effectiveMac() != null) config = config.mac(MacAddress.parse(conf.effectiveMac()));
        if (conf.spoofchk() != null) config = config.spoofCheck(conf.spoofchk().equals("on"));
        if (conf.trust() != null) config = config.trust(conf.trust().equals("on"));
        if (conf.linkState() != null) config = config.linkState(VfLinkState.valueOf(conf.linkState().toUpperCase(Locale.ROOT)));
        if (conf.minTxRate() != null) config = config.minTxRate(conf.minTxRate());
        if (conf.maxTxRate() != null) config = config.maxTxRate(conf.maxTxRate());
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    /**
     * The first setting of {@code requested} that {@code actual} (the VF as its PF reports it) does not have, in
     * the order vlan, vlanQoS, vlanProto, mac, spoofchk, trust, link_state, min_tx_rate, max_tx_rate. Spoof check
     * and trust are skipped when the driver does not report them (the kernel sends -1): there is nothing to
     * compare. QoS and protocol only matter with a VLAN. A one-sided rate update compares only its side.
     */
    public static Optional<Mismatch> verify(VfConfig requested, VfInfo actual) {
        if (requested.vlan().isPresent()) {
            VfConfig.Vlan want = requested.vlan().get();
            if (want.id() != actual.vlan()) return mismatch(VLAN, want.id(), actual.vlan());
            if (want.id() != 0) {
                if (want.qos() != actual.qos()) return mismatch(VLAN_QOS, want.qos(), actual.qos());
                if (want.protocol().ethertype() != actual.vlanProtocol()) {
                    return Optional.of(new Mismatch(VLAN_PROTO, protoName(want.protocol().ethertype()), protoName(actual.vlanProtocol())));
                }
            }
        }
        if (requested.mac().isPresent() && !requested.mac().get().equals(actual.mac())) {
            return Optional.of(new Mismatch(MAC, requested.mac().get().toString(), String.valueOf(actual.mac())));
        }
        if (requested.spoofCheck().isPresent() && actual.spoofCheck().isPresent() && !requested.spoofCheck().equals(actual.spoofCheck())) {
            return Optional.of(new Mismatch(SPOOFCHK, onOff(requested.spoofCheck().get()), onOff(actual.spoofCheck().get())));
        }
        if (requested.trust().isPresent() && actual.trust().isPresent() && !requested.trust().equals(actual.trust())) {
            return Optional.of(new Mismatch(TRUST, onOff(requested.trust().get()), onOff(actual.trust().get())));
        }
        if (requested.linkState().isPresent() && requested.linkState().get() != actual.linkState()) {
            return Optional.of(new Mismatch(LINK_STATE, lower(requested.linkState().get()), lower(actual.linkState())));
        }
        OptionalInt min = OptionalInt.empty();
        OptionalInt max = OptionalInt.empty();
        if (requested.rate().isPresent()) {
            min = OptionalInt.of(requested.rate().get().minMbps());
            max = OptionalInt.of(requested.rate().get().maxMbps());
        } else if (requested.rateUpdate().isPresent()) {
            min = requested.rateUpdate().get().minMbps();
            max = requested.rateUpdate().get().maxMbps();
        }
        if (min.isPresent() && min.getAsInt() != actual.minTxRate()) return mismatch(MIN_TX_RATE, min.getAsInt(), actual.minTxRate());
        if (max.isPresent() && max.getAsInt() != actual.maxTxRate()) return mismatch(MAX_TX_RATE, max.getAsInt(), actual.maxTxRate());
        return Optional.empty();
    }

    /**
     * CHECK of an attachment's VF: the PF-side settings its netconf asks for, as the PF reports them. The PF
     * is not read when the netconf asks for none. {@code includeMac}: the MAC is a PF-side setting (sriov-dpdk)
     * rather than the pod netdev's own (sriov).
     */
    public static void checkAttached(VfLookup vfs, AttachmentRecord record, CniRequest request, boolean includeMac) {
        if (requested(request.netConf(), 0, includeMac).isEmpty()) return;
        VirtualFunction vf;
        try {
            vf = vfs.require(record.deviceId());
        } catch (CniException e) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "VF " + record.deviceId() + " of this attachment is gone: " + e.getMessage());
        }
        VfConfig wanted = requested(request.netConf(), vf.index(), includeMac).orElseThrow();
        String pf;
        try {
            pf = vfs.pfNetdev(vf);
        } catch (CniException e) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, e.getMessage());
        }
        try (Handle host = Handle.open()) {
            check(host, pf, vf, wanted);
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "PF " + pf + " of VF " + vf.address() + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * CHECK: reads the VF from the PF and throws ATTACHMENT_DRIFTED naming the first setting that differs, or
     * saying that the PF does not report its VFs' settings (then nothing the netconf asks for can be confirmed).
     */
    public static void check(Handle host, String pfNetdev, VirtualFunction vf, VfConfig requested) {
        List<VfInfo> reported;
        try {
            reported = host.vfs(pfNetdev);
        } catch (LinuxException e) {
            if (e.is(Errno.ENODEV)) {
                throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "PF " + pfNetdev + " of VF " + vf.index() + " (" + vf.address()
                        + ") is not in the host namespace any more, so " + String.join(", ", names(requested)) + " cannot be verified");
            }
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "PF " + pfNetdev + " does not report VF settings (" + e.getMessage()
                    + "), so " + String.join(", ", names(requested)) + " of VF " + vf.index() + " (" + vf.address() + ") cannot be verified");
        }
        VfInfo actual = reported.stream().filter(i -> i.vf() == vf.index()).findFirst().orElseThrow(() -> new CniException(
                CniErrorCode.ATTACHMENT_DRIFTED, "PF " + pfNetdev + " does not report VF settings for VF " + vf.index() + " (" + vf.address()
                        + "; it reports " + reported.size() + " VFs), so " + String.join(", ", names(requested)) + " cannot be verified"));
        verify(requested, actual).ifPresent(m -> {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, m.describe(pfNetdev, vf));
        });
    }

    /** Reads the VF's current PF-side values into {@code saved.pf}, then applies {@code config}. */
    public static void apply(Handle host, String pfNetdev, VirtualFunction vf, VfConfig config, ObjectNode saved, AttachContext context) {
        VfInfo original;
        try {
            original = host.vfs(pfNetdev).stream().filter(i -> i.vf() == vf.index()).findFirst()
                    .orElseThrow(() -> new CniException(CniErrorCode.DEVICE_OPERATION_FAILED,
                            "PF " + pfNetdev + " does not report VF " + vf.index() + " (" + vf.address() + ") so its settings cannot be saved and applied"));
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "cannot read VF settings of PF " + pfNetdev, e.getMessage(), e);
        }
        ObjectNode pf = saved.putObject("pf");
        pf.put("netdev", pfNetdev);
        pf.put("vf", vf.index());
        pf.put("mac", original.mac().toString());
        pf.put("vlan", original.vlan());
        pf.put("qos", original.qos());
        pf.put("vlanProtocol", original.vlanProtocol());
        pf.put("minTxRate", original.minTxRate());
        pf.put("maxTxRate", original.maxTxRate());
        original.spoofCheck().ifPresent(v -> pf.put("spoofCheck", v));
        original.trust().ifPresent(v -> pf.put("trust", v));
        pf.put("linkState", original.linkState().name());
        ArrayNode applied = pf.putArray("applied");
        changedGroups(config).forEach(applied::add);
        context.saveOriginal(saved);
        try {
            host.setVf(pfNetdev, config);
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED,
                    "PF " + pfNetdev + " refused the settings for VF " + vf.index() + " (" + vf.address() + ")", e.getMessage(), e);
        }
    }

    /**
     * Puts back what {@link #apply} saved, for the settings it changed (all of them for a checkpoint written
     * before the changed ones were recorded); no-op when nothing was saved.
     */
    public static void restore(Handle host, ObjectNode saved) {
        ObjectNode pf = saved == null ? null : (ObjectNode) saved.get("pf");
        if (pf == null) return;
        host.setVf(pf.path("netdev").asText(), restoring(pf));
    }

    /** The request that puts back the saved values of the changed settings (pure: from the checkpoint's {@code pf}). */
    static VfConfig restoring(ObjectNode pf) {
        List<String> changed = new ArrayList<>();
        if (pf.has("applied")) pf.get("applied").forEach(n -> changed.add(n.asText()));
        else changed.addAll(List.of(VLAN, MAC, SPOOFCHK, TRUST, LINK_STATE, "rate"));
        VfConfig config = VfConfig.vf(pf.path("vf").asInt());
        if (changed.contains(VLAN)) {
            int vlan = pf.path("vlan").asInt();
            int proto = pf.path("vlanProtocol").asInt();
            config = config.vlan(vlan, vlan == 0 ? 0 : pf.path("qos").asInt(),
                    proto == 0 || vlan == 0 ? VlanProtocol.IEEE_802_1Q : VlanProtocol.of(proto));
        }
        if (changed.contains(MAC)) config = config.mac(MacAddress.parse(pf.path("mac").asText()));
        if (changed.contains(SPOOFCHK) && pf.has("spoofCheck")) config = config.spoofCheck(pf.get("spoofCheck").asBoolean());
        if (changed.contains(TRUST) && pf.has("trust")) config = config.trust(pf.get("trust").asBoolean());
        if (changed.contains(LINK_STATE)) config = config.linkState(VfLinkState.valueOf(pf.path("linkState").asText("AUTO")));
        if (changed.contains("rate")) config = config.rate(pf.path("minTxRate").asInt(), pf.path("maxTxRate").asInt());
        return config;
    }

    /** The groups of settings a request changes, as the checkpoint records them ({@code rate} covers both limits). */
    static List<String> changedGroups(VfConfig config) {
        List<String> out = new ArrayList<>();
        if (config.vlan().isPresent()) out.add(VLAN);
        if (config.mac().isPresent()) out.add(MAC);
        if (config.spoofCheck().isPresent()) out.add(SPOOFCHK);
        if (config.trust().isPresent()) out.add(TRUST);
        if (config.linkState().isPresent()) out.add(LINK_STATE);
        if (config.rate().isPresent() || config.rateUpdate().isPresent()) out.add("rate");
        return out;
    }

    /** The settings a request names, in the netconf's words (for messages). */
    static List<String> names(VfConfig config) {
        List<String> out = new ArrayList<>();
        config.vlan().ifPresent(v -> {
            out.add(VLAN + " " + v.id());
            if (v.id() != 0 && v.qos() != 0) out.add(VLAN_QOS + " " + v.qos());
            if (v.id() != 0 && v.protocol() != VlanProtocol.IEEE_802_1Q) out.add(VLAN_PROTO + " " + protoName(v.protocol().ethertype()));
        });
        config.mac().ifPresent(m -> out.add(MAC + " " + m));
        config.spoofCheck().ifPresent(s -> out.add(SPOOFCHK + " " + onOff(s)));
        config.trust().ifPresent(t -> out.add(TRUST + " " + onOff(t)));
        config.linkState().ifPresent(s -> out.add(LINK_STATE + " " + lower(s)));
        config.rate().ifPresent(r -> {
            out.add(MIN_TX_RATE + " " + r.minMbps());
            out.add(MAX_TX_RATE + " " + r.maxMbps());
        });
        config.rateUpdate().ifPresent(r -> {
            r.minMbps().ifPresent(v -> out.add(MIN_TX_RATE + " " + v));
            r.maxMbps().ifPresent(v -> out.add(MAX_TX_RATE + " " + v));
        });
        return out;
    }

    private static Optional<Mismatch> mismatch(String setting, int expected, int actual) {
        return Optional.of(new Mismatch(setting, Integer.toString(expected), Integer.toString(actual)));
    }

    private static String protoName(int ethertype) {
        if (ethertype == VlanProtocol.IEEE_802_1Q.ethertype()) return "802.1q";
        if (ethertype == VlanProtocol.IEEE_802_1AD.ethertype()) return "802.1ad";
        return "0x" + Integer.toHexString(ethertype);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String lower(VfLinkState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static ObjectNode newSavedState() {
        return CniJson.MAPPER.createObjectNode();
    }
}
