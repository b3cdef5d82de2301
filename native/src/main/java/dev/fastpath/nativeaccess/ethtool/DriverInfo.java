package dev.fastpath.nativeaccess.ethtool;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ETHTOOL_GDRVINFO}: the netdev's driver ({@code i40e}, {@code iavf}, {@code veth}...) and, for PCI NICs,
 * {@code busInfo} = the PCI address ({@code 0000:03:02.0}) that ties the netdev to sysfs.
 */
public record DriverInfo(String driver, String version, String firmwareVersion, String busInfo) {
    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    /** {@code busInfo} when it is a PCI address; empty for virtual devices. */
    public Optional<String> pciAddress() {
        return PCI.matcher(busInfo).matches() ? Optional.of(busInfo) : Optional.empty();
    }
}
