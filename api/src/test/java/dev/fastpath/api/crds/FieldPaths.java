package dev.fastpath.api.crds;

/** Field paths as the API server prints them: {@code spec.flowRules[0].srcIp}. */
final class FieldPaths {

    private FieldPaths() {
    }

    /** networknt's instance location, a JSON pointer ({@code /spec/flowRules/0/srcIp}), to a field path. */
    static String fromNodePath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.chars().allMatch(Character::isDigit)) {
                path.append('[').append(token).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(token.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    /** Removes a leading "$.a.b: " that some validator messages repeat. */
    static String stripLocation(String message) {
        if (message.startsWith("$")) {
            int colon = message.indexOf(": ");
            if (colon > 0) {
                return message.substring(colon + 2);
            }
        }
        return message;
    }

    /** The schema location of a field path: indexes dropped, {@code spec.pfs[0].name} -> {@code spec.pfs[].name}. */
    static String schemaPath(String path) {
        return path.replaceAll("\\[[0-9]+]", "[]");
    }

    static String child(String parent, String property) {
        return parent.isEmpty() ? property : parent + "." + property;
    }
}
