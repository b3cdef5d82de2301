package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** VF link state (ip link set ... vf N state). */
public enum LinkState {
    @JsonProperty("auto")
    AUTO("auto"),
    @JsonProperty("enable")
    ENABLE("enable"),
    @JsonProperty("disable")
    DISABLE("disable");

    private final String wireValue;

    LinkState(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static LinkState fromWire(String value) {
        for (LinkState candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown LinkState '" + value + "', expected one of "
                + Arrays.stream(values()).map(LinkState::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
