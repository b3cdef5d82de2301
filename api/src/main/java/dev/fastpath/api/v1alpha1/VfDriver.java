package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** Driver a VF is bound to. */
public enum VfDriver {
    @JsonProperty("iavf")
    IAVF("iavf"),
    @JsonProperty("vfio-pci")
    VFIO_PCI("vfio-pci");

    private final String wireValue;

    VfDriver(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written in YAML/JSON. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value; the error names every accepted value. */
    public static VfDriver fromWire(String value) {
        for (VfDriver candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown VfDriver '" + value + "', expected one of "
                + Arrays.stream(values()).map(VfDriver::wireValue).toList());
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
