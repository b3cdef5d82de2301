package dev.fastpath.nodeagent.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything needed to undo one attachment without the runtime's help: after an agent crash (state
 * {@code adding}), on DEL when the pod's network namespace is gone, or on GC. Written before ADD answers.
 *
 * @param state        {@link #ADDING} while ADD works, {@link #ADDED} once it answered success
 * @param deviceId     the VF's PCI address (VF types), unique across all records
 * @param savedState   the handler's record of what it changed and the original values to restore
 * @param config       the network config as received, for IPAM DEL later
 * @param cniPath      CNI_PATH of the ADD, to find the IPAM plugin again
 * @param ipamResult   the IPAM plugin's result, null when IPAM was not (yet) called
 * @param result       the result ADD answered
 */
public record AttachmentRecord(
        @JsonProperty("schema") int schema,
        @JsonProperty("state") String state,
        @JsonProperty("containerId") String containerId,
        @JsonProperty("ifname") String ifname,
        @JsonProperty("netns") String netns,
        @JsonProperty("network") String network,
        @JsonProperty("attachment") String attachment,
        @JsonProperty("deviceId") String deviceId,
        @JsonProperty("socketPath") String socketPath,
        @JsonProperty("deviceInfoFile") String deviceInfoFile,
        @JsonProperty("savedState") ObjectNode savedState,
        @JsonProperty("config") ObjectNode config,
        @JsonProperty("cniPath") List<String> cniPath,
        @JsonProperty("cniArgs") String cniArgs,
        @JsonProperty("ipamResult") JsonNode ipamResult,
        @JsonProperty("result") JsonNode result,
        @JsonProperty("createdAt") String createdAt) {

    public static final int SCHEMA = 1;
    public static final String ADDING = "adding";
    public static final String ADDED = "added";

    public AttachmentKey key() {
        return new AttachmentKey(containerId, ifname);
    }

    public boolean isAdding() {
        return ADDING.equals(state);
    }

    public AttachmentRecord withSavedState(ObjectNode saved) {
        return new AttachmentRecord(schema, state, containerId, ifname, netns, network, attachment, deviceId, socketPath,
                deviceInfoFile, saved, config, cniPath, cniArgs, ipamResult, result, createdAt);
    }

    public AttachmentRecord withIpamResult(JsonNode ipam) {
        return new AttachmentRecord(schema, state, containerId, ifname, netns, network, attachment, deviceId, socketPath,
                deviceInfoFile, savedState, config, cniPath, cniArgs, ipam, result, createdAt);
    }

    public AttachmentRecord added(JsonNode finalResult, String socket) {
        return new AttachmentRecord(schema, ADDED, containerId, ifname, netns, network, attachment, deviceId, socket,
                deviceInfoFile, savedState, config, cniPath, cniArgs, ipamResult, finalResult, createdAt);
    }
}
