package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** Flow Director flow types (ethtool ntuple flow-type). */
public enum FlowType {
    @JsonProperty("tcp4")
    TCP4("tcp4"),
    @JsonProperty("udp4")
    UDP4("udp4"),
    @JsonProperty("sctp4")
    SCTP4("sctp4"),
    @JsonProperty("ip4")
    IP4("ip4"),
    @JsonProperty("tcp6")
    TCP6("tcp6"),
    @JsonProperty("udp6")
    UDP6("udp6"),
    @JsonProperty("sctp6")
    SCTP6("sctp6"),
    @JsonProperty("ip6")
    IP6("ip6");

    private final String wireValue;

    FlowType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static FlowType fromWire(String value) {
        for (FlowType candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown FlowType '" + value + "', expected one of "
                + Arrays.stream(values()).map(FlowType::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
