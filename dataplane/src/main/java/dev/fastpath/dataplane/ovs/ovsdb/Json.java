package dev.fastpath.dataplane.ovs.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OVSDB wire encoding of values (RFC 7047 section 5.1): atoms, {@code ["set", [...]]}, {@code ["map", [[k, v]...]]},
 * {@code ["uuid", "..."]} and {@code ["named-uuid", "..."]}. A set of one element may be sent and is received as the
 * bare atom, which is why the readers here accept both forms.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array(Object... items) {
        ArrayNode array = NODES.arrayNode();
        for (Object item : items) array.add(toNode(item));
        return array;
    }

    public static ArrayNode uuid(String uuid) {
        return array("uuid", uuid);
    }

    public static ArrayNode namedUuid(String name) {
        return array("named-uuid", name);
    }

    public static ArrayNode set(List<?> atoms) {
        ArrayNode items = NODES.arrayNode();
        atoms.forEach(atom -> items.add(toNode(atom)));
        return array("set", items);
    }

    public static ArrayNode map(Map<String, String> entries) {
        ArrayNode pairs = NODES.arrayNode();
        entries.forEach((k, v) -> pairs.add(array(k, v)));
        return array("map", pairs);
    }

    /** The elements of a set column (an empty list for {@code ["set", []]}, one element for a bare atom). */
    public static List<JsonNode> setElements(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) return out;
        if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())) {
            value.get(1).forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }

    /** A map column as strings (OVSDB maps Fastpath reads are string-to-string or string-to-integer). */
    public static Map<String, String> mapEntries(JsonNode value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || !value.isArray() || value.size() != 2 || !"map".equals(value.get(0).asText())) return out;
        for (JsonNode pair : value.get(1)) out.put(pair.get(0).asText(), pair.get(1).asText());
        return out;
    }

    /** The UUID string of a {@code ["uuid", "..."]} atom. */
    public static String uuidOf(JsonNode atom) {
        if (atom != null && atom.isArray() && atom.size() == 2 && "uuid".equals(atom.get(0).asText())) return atom.get(1).asText();
        throw new IllegalArgumentException("not a uuid atom: " + atom);
    }

    /** The single value of an optional (0..1) column such as {@code Port.tag} or {@code Interface.error}. */
    public static Optional<JsonNode> optional(JsonNode value) {
        List<JsonNode> elements = setElements(value);
        return elements.isEmpty() ? Optional.empty() : Optional.of(elements.getFirst());
    }

    static JsonNode toNode(Object item) {
        if (item instanceof JsonNode node) return node;
        return MAPPER.valueToTree(item);
    }
}
