package dev.fastpath.operator.multus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the Multus {@code k8s.v1.cni.cncf.io/networks} pod annotation in both of its forms:
 * the short form {@code net-a, ns/net-b, net-c@eth2} and the JSON form
 * {@code [{"name":"net-a","namespace":"ns","interface":"eth2"}, ...]}.
 * Repetitions are kept: a pod naming one network twice gets two interfaces (and two devices).
 */
public final class NetworksAnnotation {

    public static final String KEY = "k8s.v1.cni.cncf.io/networks";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** DNS-1123 label/subdomain as Multus accepts it for names and namespaces. */
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private NetworksAnnotation() {
    }

    /**
     * @return the selections in annotation order; empty for a null or blank value
     * @throws IllegalArgumentException naming the offending entry when the value is malformed
     */
    public static List<NetworkSelection> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String trimmed = value.strip();
        return trimmed.startsWith("[") ? parseJson(trimmed) : parseShortForm(trimmed);
    }

    private static List<NetworkSelection> parseShortForm(String value) {
        List<NetworkSelection> result = new ArrayList<>();
        for (String raw : value.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            String iface = null;
            int at = item.indexOf('@');
            if (at >= 0) {
                iface = item.substring(at + 1);
                item = item.substring(0, at);
                if (iface.isEmpty()) {
                    throw new IllegalArgumentException(KEY + ": empty interface name after '@' in '" + raw.strip() + "'");
                }
            }
            String namespace = null;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                namespace = item.substring(0, slash);
                item = item.substring(slash + 1);
                requireDnsName(namespace, "namespace", raw);
            }
            requireDnsName(item, "name", raw);
            result.add(new NetworkSelection(item, namespace, iface));
        }
        return List.copyOf(result);
    }

    private static List<NetworkSelection> parseJson(String value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(KEY + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(KEY + ": JSON form must be a list of network selection objects");
        }
        List<NetworkSelection> result = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                throw new IllegalArgumentException(KEY + "[" + i + "]: must be an object");
            }
            JsonNode name = element.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new IllegalArgumentException(KEY + "[" + i + "].name: required");
            }
            String namespace = textOrNull(element, "namespace", i);
            String iface = textOrNull(element, "interface", i);
            requireDnsName(name.asText(), "name", "[" + i + "]");
            if (namespace != null) {
                requireDnsName(namespace, "namespace", "[" + i + "]");
            }
            result.add(new NetworkSelection(name.asText(), namespace, iface));
        }
        return List.copyOf(result);
    }

    private static String textOrNull(JsonNode element, String field, int index) {
        JsonNode node = element.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(KEY + "[" + index + "]." + field + ": must be a string");
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static void requireDnsName(String candidate, String what, String context) {
        if (!DNS_NAME.matcher(candidate).matches()) {
            throw new IllegalArgumentException(KEY + ": invalid " + what + " '" + candidate + "' in '" + context.strip() + "'");
        }
    }
}
