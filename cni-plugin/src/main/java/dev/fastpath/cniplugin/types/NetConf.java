package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The network configuration the runtime passes on stdin for plugin {@code type: "fastpath"}. Field names
 * follow sriov-cni where the meaning is the same (vlan, vlanQoS, vlanProto, spoofchk, trust, link_state,
 * min_tx_rate, max_tx_rate), so a SriovNetwork user reads it without a dictionary. Values are kept as given;
 * the agent validates them (and says which field is wrong).
 */
public record NetConf(
        @JsonProperty("cniVersion") String cniVersion,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        /** sriov | sriov-dpdk | vhost-user | kernel ({@link AttachmentType}). */
        @JsonProperty("attachment") String attachment,
        /** The VF pool (device-plugin resource {@code fastpath.dev/<pool>}). */
        @JsonProperty("pool") String pool,
        /** VF PCI address when given statically; runtimeConfig.deviceID wins. */
        @JsonProperty("deviceID") String deviceID,
        @JsonProperty("vlan") Integer vlan,
        @JsonProperty("vlanQoS") Integer vlanQoS,
        /** 802.1q | 802.1ad. */
        @JsonProperty("vlanProto") String vlanProto,
        @JsonProperty("mac") String mac,
        /** on | off. */
        @JsonProperty("spoofchk") String spoofchk,
        /** on | off. */
        @JsonProperty("trust") String trust,
        /** auto | enable | disable. */
        @JsonProperty("link_state") String linkState,
        /** Mbps. */
        @JsonProperty("min_tx_rate") Integer minTxRate,
        /** Mbps. */
        @JsonProperty("max_tx_rate") Integer maxTxRate,
        @JsonProperty("mtu") Integer mtu,
        @JsonProperty("vhostUser") VhostUserConfig vhostUser,
        /** Handed whole to the IPAM plugin; only {@code type} is read here. */
        @JsonProperty("ipam") ObjectNode ipam,
        @JsonProperty("dns") Dns dns,
        @JsonProperty("runtimeConfig") RuntimeConfig runtimeConfig,
        @JsonProperty("prevResult") JsonNode prevResult,
        /** GC only. */
        @JsonProperty("cni.dev/valid-attachments") List<ValidAttachment> validAttachments) {

    public RuntimeConfig runtime() {
        return runtimeConfig == null ? RuntimeConfig.EMPTY : runtimeConfig;
    }

    /** The VF the device plugin allocated (runtimeConfig), else a statically configured one, else null. */
    public String effectiveDeviceId() {
        String fromRuntime = runtime().deviceID();
        return fromRuntime != null && !fromRuntime.isBlank() ? fromRuntime : deviceID;
    }

    /** runtimeConfig.mac (per pod) wins over the network's {@code mac}. */
    public String effectiveMac() {
        String fromRuntime = runtime().mac();
        return fromRuntime != null && !fromRuntime.isBlank() ? fromRuntime : mac;
    }

    public String ipamType() {
        if (ipam == null) return null;
        JsonNode t = ipam.get("type");
        return t == null || !t.isTextual() ? null : t.asText();
    }
}
