package dev.fastpath.dataplane.ovs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the node's Open vSwitch is and how Fastpath uses it.
 *
 * @param dbSocket ovsdb-server's unix socket ({@code /var/run/openvswitch/db.sock} on a stock node)
 * @param bridge the netdev bridge Fastpath's ports go on; created when missing
 * @param vhostServerSocketDir where ovs-vswitchd creates the sockets of {@code dpdkvhostuser} (server mode)
 *     ports: its run directory plus {@code other_config:vhost-sock-dir}; null when server mode is not offered
 * @param applyTimeout how long to wait for ovs-vswitchd to apply a change ({@code cur_cfg} reaching {@code next_cfg})
 * @param requestTimeout how long one OVSDB request may take
 */
public record OvsSwitchConfig(Path dbSocket, String bridge, Path vhostServerSocketDir, Duration applyTimeout, Duration requestTimeout) {
    public OvsSwitchConfig {
        Objects.requireNonNull(dbSocket, "dbSocket");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(applyTimeout, "applyTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static OvsSwitchConfig of(Path dbSocket, String bridge) {
        return new OvsSwitchConfig(dbSocket, bridge, null, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public OvsSwitchConfig withVhostServerSocketDir(Path dir) {
        return new OvsSwitchConfig(dbSocket, bridge, dir, applyTimeout, requestTimeout);
    }

    public OvsSwitchConfig withApplyTimeout(Duration timeout) {
        return new OvsSwitchConfig(dbSocket, bridge, vhostServerSocketDir, timeout, requestTimeout);
    }
}
