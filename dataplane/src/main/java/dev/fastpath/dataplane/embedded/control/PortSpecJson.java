package dev.fastpath.dataplane.embedded.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.PortStats;
import dev.fastpath.dataplane.SwitchException;
import java.nio.file.Path;

/** The JSON shapes of port specs and port infos, shared by the control protocol and the port-set file. */
public final class PortSpecJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PortSpecJson() {}

    public static ObjectNode toJson(PortSpec spec) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", spec.name());
        n.put("type", spec.type().name());
        switch (spec) {
            case PortSpec.VhostUser v -> {
                n.put("socket", v.socket().toString());
                n.put("mode", v.mode().name());
                n.put("vlan", v.vlan());
                n.put("queues", v.queues());
            }
            case PortSpec.Uplink u -> n.put("device", u.device());
            case PortSpec.Kernel k -> {
                n.put("netns", k.netns().toString());
                n.put("ifname", k.ifname());
                n.put("vlan", k.vlan());
            }
            case PortSpec.Memif m -> {
                n.put("socket", m.socket().toString());
                n.put("role", m.role().name());
                n.put("vlan", m.vlan());
            }
        }
        return n;
    }

    public static PortSpec fromJson(JsonNode n) {
        String name = text(n, "name");
        String type = text(n, "type");
        try {
            return switch (PortSpec.PortType.valueOf(type)) {
                case VHOST_USER -> new PortSpec.VhostUser(name, Path.of(text(n, "socket")),
                        PortSpec.VhostMode.valueOf(text(n, "mode")), n.path("vlan").asInt(0), n.path("queues").asInt(1));
                case UPLINK -> new PortSpec.Uplink(name, text(n, "device"));
                case KERNEL -> new PortSpec.Kernel(name, Path.of(text(n, "netns")), text(n, "ifname"), n.path("vlan").asInt(0));
                case MEMIF -> new PortSpec.Memif(name, Path.of(text(n, "socket")),
                        PortSpec.MemifRole.valueOf(text(n, "role")), n.path("vlan").asInt(0));
            };
        } catch (IllegalArgumentException e) {
            throw new SwitchException(SwitchException.Reason.INVALID_SPEC, "port " + name + ": " + e.getMessage());
        }
    }

    public static ObjectNode toJson(PortInfo info) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", info.name());
        n.put("type", info.type().name());
        if (info.socket() != null) {
            n.put("socket", info.socket());
        }
        n.put("vlan", info.vlan());
        n.put("link", info.link().name());
        PortStats s = info.stats();
        ObjectNode st = n.putObject("stats");
        st.put("rxPackets", s.rxPackets());
        st.put("rxBytes", s.rxBytes());
        st.put("txPackets", s.txPackets());
        st.put("txBytes", s.txBytes());
        st.put("rxDrops", s.rxDrops());
        st.put("txDrops", s.txDrops());
        return n;
    }

    public static PortInfo infoFromJson(JsonNode n) {
        JsonNode st = n.path("stats");
        return new PortInfo(n.path("name").asText(), PortSpec.PortType.valueOf(n.path("type").asText()),
                n.hasNonNull("socket") ? n.get("socket").asText() : null, n.path("vlan").asInt(),
                PortInfo.LinkState.valueOf(n.path("link").asText("DOWN")),
                new PortStats(st.path("rxPackets").asLong(), st.path("rxBytes").asLong(), st.path("txPackets").asLong(),
                        st.path("txBytes").asLong(), st.path("rxDrops").asLong(), st.path("txDrops").asLong()));
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new SwitchException(SwitchException.Reason.INVALID_SPEC,
                    "port " + n.path("name").asText("?") + ": field '" + field + "' is missing");
        }
        return v.asText();
    }
}
