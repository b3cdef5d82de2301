package dev.fastpath.cniplugin.shim;

import dev.fastpath.cniplugin.types.CniVersions;
import java.util.List;

/**
 * The little JSON the shim writes itself (VERSION answers, its own errors) and the two values it reads
 * from stdin (the request's {@code cniVersion}, echoed in error answers, and {@code agentSocket}). Hand-written so the shim never
 * loads Jackson: a CNI call pays the JVM start on every pod attach.
 */
final class ShimJson {
    private ShimJson() {}

    static String versionResult() {
        StringBuilder json = new StringBuilder("{\"cniVersion\":");
        string(json, CniVersions.CURRENT).append(",\"supportedVersions\":[");
        List<String> versions = CniVersions.SUPPORTED;
        for (int i = 0; i < versions.size(); i++) {
            if (i > 0) json.append(',');
            string(json, versions.get(i));
        }
        return json.append("]}").toString();
    }

    static String error(String cniVersion, int code, String msg, String details) {
        StringBuilder json = new StringBuilder("{\"cniVersion\":");
        string(json, cniVersion).append(",\"code\":").append(code).append(",\"msg\":");
        string(json, msg);
        if (details != null && !details.isEmpty()) {
            json.append(",\"details\":");
            string(json, details);
        }
        return json.append('}').toString();
    }

    /** The top-level {@code cniVersion} of a network config, or {@link CniVersions#CURRENT} when there is none. */
    static String cniVersionOf(String config) {
        String v = topLevelString(config, "cniVersion");
        return v == null ? CniVersions.CURRENT : v;
    }

    /**
     * A top-level string member of a network config, or null. A tolerant scan, not a parser: it skips nested
     * objects (prevResult carries its own cniVersion), does not unescape, and gives up quietly on anything odd,
     * since the agent does the real validation.
     */
    static String topLevelString(String config, String key) {
        String quotedKey = "\"" + key + "\"";
        int depth = 0;
        for (int i = 0; i < config.length(); i++) {
            char c = config.charAt(i);
            if (c == '"') {
                int end = endOfString(config, i);
                if (end < 0) break;
                if (depth == 1 && config.startsWith(quotedKey, i) && end == i + quotedKey.length() - 1) {
                    int colon = skipSpace(config, end + 1);
                    if (colon < config.length() && config.charAt(colon) == ':') {
                        int start = skipSpace(config, colon + 1);
                        if (start < config.length() && config.charAt(start) == '"') {
                            int close = endOfString(config, start);
                            if (close > start) return config.substring(start + 1, close);
                        }
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    private static int endOfString(String s, int openQuote) {
        for (int i = openQuote + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') return i;
        }
        return -1;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        return json.append('"');
    }
}
