package dev.fastpath.dataplane.ovs.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The database operations of an OVSDB {@code transact} (RFC 7047 section 5.2), built as JSON. Conditions and
 * mutations are {@code [column, function, value]} triples made with {@link #where} and {@link #mutation}.
 */
public final class Op {
    private Op() {}

    public static ArrayNode where(String column, String function, Object value) {
        return Json.array(column, function, value);
    }

    public static ArrayNode mutation(String column, String mutator, Object value) {
        return Json.array(column, mutator, value);
    }

    public static ObjectNode insert(String table, ObjectNode row, String uuidName) {
        ObjectNode op = op("insert", table);
        op.set("row", row);
        if (uuidName != null) op.put("uuid-name", uuidName);
        return op;
    }

    public static ObjectNode select(String table, List<ArrayNode> where, String... columns) {
        ObjectNode op = op("select", table);
        op.set("where", conditions(where));
        if (columns.length > 0) op.set("columns", Json.array((Object[]) columns));
        return op;
    }

    public static ObjectNode update(String table, List<ArrayNode> where, ObjectNode row) {
        ObjectNode op = op("update", table);
        op.set("where", conditions(where));
        op.set("row", row);
        return op;
    }

    public static ObjectNode mutate(String table, List<ArrayNode> where, ArrayNode... mutations) {
        ObjectNode op = op("mutate", table);
        op.set("where", conditions(where));
        op.set("mutations", Json.array((Object[]) mutations));
        return op;
    }

    public static ObjectNode delete(String table, List<ArrayNode> where) {
        ObjectNode op = op("delete", table);
        op.set("where", conditions(where));
        return op;
    }

    /**
     * Aborts the transaction unless the rows matching {@code where} (projected on {@code columns}) are
     * exactly {@code rows} ({@code until "=="}) or differ from them ({@code "!="}); timeout 0 = check once.
     * This is how a transaction asserts "no port of that name exists yet" atomically.
     */
    public static ObjectNode waitFor(String table, List<ArrayNode> where, List<String> columns, String until, ArrayNode rows) {
        ObjectNode op = op("wait", table);
        op.put("timeout", 0);
        op.set("where", conditions(where));
        op.set("columns", Json.array(columns.toArray()));
        op.put("until", until);
        op.set("rows", rows);
        return op;
    }

    public static ObjectNode comment(String text) {
        ObjectNode op = Json.object();
        op.put("op", "comment");
        op.put("comment", text);
        return op;
    }

    /** A short description of an operation for error messages: {@code "insert Interface"}. */
    static String describe(JsonNode op) {
        String table = op.path("table").asText("");
        return (op.path("op").asText("?") + " " + table).trim();
    }

    private static ObjectNode op(String name, String table) {
        ObjectNode op = Json.object();
        op.put("op", name);
        op.put("table", table);
        return op;
    }

    private static ArrayNode conditions(List<ArrayNode> where) {
        ArrayNode array = Json.NODES.arrayNode();
        where.forEach(array::add);
        return array;
    }
}
