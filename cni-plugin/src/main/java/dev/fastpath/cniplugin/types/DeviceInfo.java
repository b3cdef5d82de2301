package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Network Plumbing WG device-info file (spec 1.1.0): how a workload learns which VF or socket it got.
 */
public record DeviceInfo(
        @JsonProperty("type") String type,
        @JsonProperty("version") String version,
        @JsonProperty("pci") Pci pci,
        @JsonProperty("vhost-user") VhostUser vhostUser) {

    public static final String SPEC_VERSION = "1.1.0";

    public record Pci(@JsonProperty("pci-address") String pciAddress, @JsonProperty("pf-pci-address") String pfPciAddress) {}

    public record VhostUser(@JsonProperty("mode") String mode, @JsonProperty("path") String path) {}

    public static DeviceInfo pci(String pciAddress, String pfPciAddress) {
        return new DeviceInfo("pci", SPEC_VERSION, new Pci(pciAddress, pfPciAddress), null);
    }

    public static DeviceInfo vhostUser(String mode, String path) {
        return new DeviceInfo("vhost-user", SPEC_VERSION, null, new VhostUser(mode, path));
    }
}
