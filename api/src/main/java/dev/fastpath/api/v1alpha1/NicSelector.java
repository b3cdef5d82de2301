package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Objects;

/**
 * Selects PFs on a node; every field that is set must match.
 */
@ValidationRule(value = Cel.NICSELECTOR_NOT_EMPTY, message = Cel.NICSELECTOR_NOT_EMPTY_MESSAGE, reason = Cel.REQUIRED)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NicSelector {

    @Size(max = 4)
    @Pattern(Patterns.PCI_ID)
    @JsonPropertyDescription("PCI vendor id, 4 hex digits (8086 for Intel).")
    private String vendor;

    @Size(max = 16)
    @JsonPropertyDescription("PCI device ids of the PF, 4 hex digits each (1583 for XL710).")
    private List<@Size(max = 4) @Pattern(Patterns.PCI_ID) String> deviceIDs;

    @Size(max = 64)
    @JsonPropertyDescription("PF netdev names, e.g. ens785f0.")
    private List<@Size(max = 15) @Pattern(Patterns.NETDEV_NAME) String> pfNames;

    @Size(max = 64)
    @JsonPropertyDescription("PF PCI addresses, e.g. 0000:03:00.0.")
    private List<@Size(max = 12) @Pattern(Patterns.PCI_ADDRESS) String> rootDevices;

    public NicSelector() {
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }

    /** Fluent setter for builders and tests. */
    public NicSelector withVendor(String vendor) {
        this.vendor = vendor;
        return this;
    }

    public List<@Size(max = 4) @Pattern(Patterns.PCI_ID) String> getDeviceIDs() {
        return deviceIDs;
    }

    public void setDeviceIDs(List<@Size(max = 4) @Pattern(Patterns.PCI_ID) String> deviceIDs) {
        this.deviceIDs = deviceIDs;
    }

    /** Fluent setter for builders and tests. */
    public NicSelector withDeviceIDs(List<@Size(max = 4) @Pattern(Patterns.PCI_ID) String> deviceIDs) {
        this.deviceIDs = deviceIDs;
        return this;
    }

    public List<@Size(max = 15) @Pattern(Patterns.NETDEV_NAME) String> getPfNames() {
        return pfNames;
    }

    public void setPfNames(List<@Size(max = 15) @Pattern(Patterns.NETDEV_NAME) String> pfNames) {
        this.pfNames = pfNames;
    }

    /** Fluent setter for builders and tests. */
    public NicSelector withPfNames(List<@Size(max = 15) @Pattern(Patterns.NETDEV_NAME) String> pfNames) {
        this.pfNames = pfNames;
        return this;
    }

    public List<@Size(max = 12) @Pattern(Patterns.PCI_ADDRESS) String> getRootDevices() {
        return rootDevices;
    }

    public void setRootDevices(List<@Size(max = 12) @Pattern(Patterns.PCI_ADDRESS) String> rootDevices) {
        this.rootDevices = rootDevices;
    }

    /** Fluent setter for builders and tests. */
    public NicSelector withRootDevices(List<@Size(max = 12) @Pattern(Patterns.PCI_ADDRESS) String> rootDevices) {
        this.rootDevices = rootDevices;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NicSelector other)) {
            return false;
        }
        return Objects.equals(vendor, other.vendor)
                && Objects.equals(deviceIDs, other.deviceIDs)
                && Objects.equals(pfNames, other.pfNames)
                && Objects.equals(rootDevices, other.rootDevices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vendor, deviceIDs, pfNames, rootDevices);
    }

    @Override
    public String toString() {
        return "NicSelector{" + "vendor=" + vendor
                + ", deviceIDs=" + deviceIDs
                + ", pfNames=" + pfNames
                + ", rootDevices=" + rootDevices + "}";
    }
}
