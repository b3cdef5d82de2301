package dev.fastpath.dataplane.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.dataplane.ovs.ovsdb.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Fastpath reads of the {@code Open_vSwitch} schema (vswitch.ovsschema): a Bridge's ports, a Port's
 * interfaces and VLAN, an Interface's type, options, link state, error and statistics. Nothing else is modelled.
 */
final class OvsRows {
    static final String DB = "Open_vSwitch";
    static final String ROOT = "Open_vSwitch";
    static final String BRIDGE = "Bridge";
    static final String PORT = "Port";
    static final String INTERFACE = "Interface";

    static final String[] INTERFACE_COLUMNS = {"_uuid", "name", "type", "options", "link_state", "error", "statistics", "ofport"};
    static final String[] PORT_COLUMNS = {"_uuid", "name", "interfaces", "tag", "vlan_mode"};

    private OvsRows() {}

    record BridgeRow(String uuid, String name, String datapathType, List<String> portUuids) {
        static BridgeRow of(JsonNode row) {
            return new BridgeRow(Json.uuidOf(row.get("_uuid")), row.path("name").asText(),
                    row.path("datapath_type").asText(""), uuids(row.get("ports")));
        }
    }

    record PortRow(String uuid, String name, List<String> interfaceUuids, int tag, String vlanMode) {
        static PortRow of(JsonNode row) {
            int tag = Json.optional(row.get("tag")).map(JsonNode::asInt).orElse(0);
            String mode = Json.optional(row.get("vlan_mode")).map(JsonNode::asText).orElse("");
            return new PortRow(Json.uuidOf(row.get("_uuid")), row.path("name").asText(), uuids(row.get("interfaces")), tag, mode);
        }
    }

    /** {@code ofport} is -1 when ovs-vswitchd failed to open the interface, absent while not yet configured. */
    record InterfaceRow(String uuid, String name, String type, Map<String, String> options, String linkState,
                        String error, Map<String, Long> statistics, Long ofport) {
        static InterfaceRow of(JsonNode row) {
            Map<String, Long> stats = Json.mapEntries(row.get("statistics")).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
            return new InterfaceRow(Json.uuidOf(row.get("_uuid")), row.path("name").asText(), row.path("type").asText(""),
                    Json.mapEntries(row.get("options")),
                    Json.optional(row.get("link_state")).map(JsonNode::asText).orElse(null),
                    Json.optional(row.get("error")).map(JsonNode::asText).orElse(null),
                    stats,
                    Json.optional(row.get("ofport")).map(JsonNode::asLong).orElse(null));
        }

        long stat(String key) {
            return statistics.getOrDefault(key, 0L);
        }
    }

    private static List<String> uuids(JsonNode set) {
        return Json.setElements(set).stream().map(Json::uuidOf).toList();
    }
}
