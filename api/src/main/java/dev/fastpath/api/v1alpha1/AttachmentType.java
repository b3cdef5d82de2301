package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** How a NetworkAttachment plugs a workload in. */
public enum AttachmentType {
    @JsonProperty("sriov")
    SRIOV("sriov"),
    @JsonProperty("sriov-dpdk")
    SRIOV_DPDK("sriov-dpdk"),
    @JsonProperty("vhost-user")
    VHOST_USER("vhost-user"),
    @JsonProperty("kernel")
    KERNEL("kernel");

    private final String wireValue;

    AttachmentType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static AttachmentType fromWire(String value) {
        for (AttachmentType candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown AttachmentType '" + value + "', expected one of "
                + Arrays.stream(values()).map(AttachmentType::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
