package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The runtime-inserted capabilities Fastpath declares: {@code deviceID} (VF PCI address from the device
 * plugin), {@code mac}, {@code ips}, and Multus' {@code CNIDeviceInfoFile}.
 */
public record RuntimeConfig(
        @JsonProperty("deviceID") String deviceID,
        @JsonProperty("mac") String mac,
        @JsonProperty("ips") List<String> ips,
        @JsonProperty("CNIDeviceInfoFile") String cniDeviceInfoFile) {

    public static final RuntimeConfig EMPTY = new RuntimeConfig(null, null, null, null);
}
