package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** Implementation of the node switch. */
public enum SwitchBackend {
    @JsonProperty("embedded")
    EMBEDDED("embedded"),
    @JsonProperty("ovs")
    OVS("ovs");

    private final String wireValue;

    SwitchBackend(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static SwitchBackend fromWire(String value) {
        for (SwitchBackend candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown SwitchBackend '" + value + "', expected one of "
                + Arrays.stream(values()).map(SwitchBackend::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
