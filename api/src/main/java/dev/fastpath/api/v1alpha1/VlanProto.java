package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** VLAN tag protocol (sriov-cni vlanProto). */
public enum VlanProto {
    @JsonProperty("802.1q")
    DOT1Q("802.1q"),
    @JsonProperty("802.1ad")
    DOT1AD("802.1ad");

    private final String wireValue;

    VlanProto(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static VlanProto fromWire(String value) {
        for (VlanProto candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown VlanProto '" + value + "', expected one of "
                + Arrays.stream(values()).map(VlanProto::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
