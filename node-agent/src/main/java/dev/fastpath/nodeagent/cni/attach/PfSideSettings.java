package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.NetConf;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.VfLinkState;
import dev.fastpath.nativeaccess.netlink.VlanProtocol;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.cni.CniException;
import java.util.Locale;
import java.util.Optional;

/**
 * The VF settings made on the PF (IFLA_VF_* in one RTM_NEWLINK, like {@code ip link set PF vf N ...}):
 * VLAN/QoS/protocol, MAC, spoof check, trust, link state, rates. Applied only when the netconf asks for
 * any of them, after the VF's current values are saved; DEL puts the saved values back.
 */
public final class PfSideSettings {
    private PfSideSettings() {}

    /** The settings the netconf asks for, empty when it asks for none. */
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
        if (conf.minTxRate() != null || conf.maxTxRate() != null) {
            config = config.rate(conf.minTxRate() == null ? 0 : conf.minTxRate(), conf.maxTxRate() == null ? 0 : conf.maxTxRate());
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
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
        context.saveOriginal(saved);
        try {
            host.setVf(pfNetdev, config);
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED,
                    "PF " + pfNetdev + " refused the settings for VF " + vf.index() + " (" + vf.address() + ")", e.getMessage(), e);
        }
    }

    /** Puts back what {@link #apply} saved; no-op when nothing was saved. */
    public static void restore(Handle host, ObjectNode saved) {
        ObjectNode pf = saved == null ? null : (ObjectNode) saved.get("pf");
        if (pf == null) return;
        int vlan = pf.path("vlan").asInt();
        VfConfig config = VfConfig.vf(pf.path("vf").asInt())
                .mac(MacAddress.parse(pf.path("mac").asText()))
                .vlan(vlan, vlan == 0 ? 0 : pf.path("qos").asInt(),
                        pf.path("vlanProtocol").asInt() == 0 ? VlanProtocol.IEEE_802_1Q : VlanProtocol.of(pf.path("vlanProtocol").asInt()))
                .linkState(VfLinkState.valueOf(pf.path("linkState").asText("AUTO")))
                .rate(pf.path("minTxRate").asInt(), pf.path("maxTxRate").asInt());
        if (pf.has("spoofCheck")) config = config.spoofCheck(pf.get("spoofCheck").asBoolean());
        if (pf.has("trust")) config = config.trust(pf.get("trust").asBoolean());
        host.setVf(pf.path("netdev").asText(), config);
    }

    static ObjectNode newSavedState() {
        return CniJson.MAPPER.createObjectNode();
    }
}
