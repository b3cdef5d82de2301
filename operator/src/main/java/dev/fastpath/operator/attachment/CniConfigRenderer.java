package dev.fastpath.operator.attachment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;

/**
 * Renders the CNI network configuration (JSON, CNI 1.1.0) of the {@code fastpath} plugin for one attachment.
 * Keys follow sriov-cni where the meaning is the same ({@code spoofchk}, {@code trust}, {@code link_state},
 * {@code min_tx_rate}, {@code max_tx_rate}); {@code attachment} carries the attachment type and the IPAM
 * object is passed through untouched; {@code capabilities} asks Multus for the runtimeConfig the agent needs. Absent fields are left out so that the plugin's defaults apply.
 */
public final class CniConfigRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CniConfigRenderer() {
    }

    public static String render(NetworkAttachment attachment) {
        return renderTree(attachment).toString();
    }

    public static ObjectNode renderTree(NetworkAttachment attachment) {
        NetworkAttachmentSpec spec = attachment.getSpec();
        ObjectNode config = JSON.createObjectNode();
        config.put("cniVersion", FastpathResources.CNI_VERSION);
        config.put("name", attachment.getMetadata().getName());
        config.put("type", FastpathResources.CNI_TYPE);
        config.put("attachment", spec.getType() == null ? null : spec.getType().toString());
        putIfSet(config, "pool", spec.getPool());
        putIfSet(config, "vlan", spec.getVlan());
        putIfSet(config, "vlanQoS", spec.getVlanQoS());
        putIfSet(config, "vlanProto", spec.getVlanProto() == null ? null : JSON.valueToTree(spec.getVlanProto()).asText());
        putIfSet(config, "mac", spec.getMac());
        putIfSet(config, "spoofchk", onOff(spec.getSpoofChk()));
        putIfSet(config, "trust", onOff(spec.getTrust()));
        putIfSet(config, "link_state", spec.getLinkState() == null ? null : JSON.valueToTree(spec.getLinkState()).asText());
        putIfSet(config, "min_tx_rate", spec.getMinTxRateMbps());
        putIfSet(config, "max_tx_rate", spec.getMaxTxRateMbps());
        putIfSet(config, "mtu", spec.getMtu());
        if (spec.getVhostUser() != null) {
            ObjectNode vhost = config.putObject("vhostUser");
            if (spec.getVhostUser().getMode() != null) {
                vhost.put("mode", JSON.valueToTree(spec.getVhostUser().getMode()).asText());
            }
            if (spec.getVhostUser().getQueues() != null) {
                vhost.put("queues", spec.getVhostUser().getQueues());
            }
        }
        if (spec.getIpam() != null) {
            config.set("ipam", JSON.valueToTree(spec.getIpam()));
        }
        config.set("capabilities", capabilities(spec.getType()));
        return config;
    }

    /**
     * Multus puts a runtimeConfig key into the plugin's config only when the network declares the capability:
     * without {@code deviceID} the agent would never learn which VF the device plugin gave the pod.
     */
    private static ObjectNode capabilities(AttachmentType type) {
        ObjectNode capabilities = JSON.createObjectNode();
        if (type == AttachmentType.SRIOV || type == AttachmentType.SRIOV_DPDK) {
            capabilities.put("deviceID", true);
        }
        capabilities.put("mac", true);
        capabilities.put("ips", true);
        capabilities.put("CNIDeviceInfoFile", true);
        return capabilities;
    }

    private static String onOff(Boolean value) {
        return value == null ? null : value ? "on" : "off";
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode node, String key, Integer value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
