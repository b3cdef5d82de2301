package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an AdmissionReview request a webhook decides on. {@code object} is the raw JSON the API server
 * sent, so that a mutation patch is computed against exactly what the server holds.
 */
public record AdmissionCall(String uid, String kind, String operation, String namespace, String name,
                            JsonNode object, JsonNode oldObject) {

    public String describe() {
        return kind + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/")
                + (name == null || name.isEmpty() ? "(generated name)" : name) + " " + operation;
    }
}
