package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;

/** What a webhook answers: allow as is, allow with a JSON Patch, or deny with a message naming the field. */
public sealed interface AdmissionDecision {

    record Allowed() implements AdmissionDecision {
    }

    /** {@code patch} is an RFC 6902 JSON Patch array; never empty (an empty mutation is {@link Allowed}). */
    record Patched(JsonNode patch) implements AdmissionDecision {
    }

    record Denied(String message) implements AdmissionDecision {
    }

    static AdmissionDecision allow() {
        return new Allowed();
    }

    static AdmissionDecision deny(String message) {
        return new Denied(message);
    }
}
