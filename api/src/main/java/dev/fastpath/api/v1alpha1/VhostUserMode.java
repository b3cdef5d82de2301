package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** Role of the workload on a vhost-user socket. */
public enum VhostUserMode {
    @JsonProperty("client")
    CLIENT("client"),
    @JsonProperty("server")
    SERVER("server");

    private final String wireValue;

    VhostUserMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static VhostUserMode fromWire(String value) {
        for (VhostUserMode candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown VhostUserMode '" + value + "', expected one of "
                + Arrays.stream(values()).map(VhostUserMode::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
