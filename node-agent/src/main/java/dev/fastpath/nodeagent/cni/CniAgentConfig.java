package dev.fastpath.nodeagent.cni;

import dev.fastpath.api.NodePaths;
import dev.fastpath.api.v1alpha1.SwitchBackend;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the CNI side of the agent keeps things (ARCHITECTURE.md "Node paths"); every path is configurable so
 * tests point them under a temp dir and sysfs at a fake tree.
 *
 * @param socket         the agent socket the shim connects to (0600)
 * @param checkpointDir  the attachment checkpoint
 * @param deviceInfoDir  where NPWG device-info files go when Multus names none
 * @param sysfsRoot      sysfs (the real /sys, or a fake tree in tests)
 * @param switchBackend  the node's switch ({@code NodePolicy.switch.backend})
 * @param switchEndpoint where that switch listens: fastpath-switch's {@code --control} socket, or ovsdb-server's
 * @param ovsBridge      the netdev bridge of Fastpath's ports (ovs backend only)
 * @param socketsRoot    vhost-user sockets go to {@code <socketsRoot>/<podUID>/<ifname>.sock}
 */
public record CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot, SwitchBackend switchBackend,
                             Path switchEndpoint, String ovsBridge, Path socketsRoot) {
    public static final Path DEFAULT_SWITCH_CONTROL = Path.of("/run/fastpath/switch.sock");
    public static final Path DEFAULT_SOCKETS_ROOT = NodePaths.defaults().socketDir();

    public CniAgentConfig {
        Objects.requireNonNull(switchBackend, "switchBackend");
        Objects.requireNonNull(switchEndpoint, "switchEndpoint");
        Objects.requireNonNull(ovsBridge, "ovsBridge");
    }

    /** The embedded switch behind {@code switchControl}. */
    public CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot, Path switchControl, Path socketsRoot) {
        this(socket, checkpointDir, deviceInfoDir, sysfsRoot, SwitchBackend.EMBEDDED, switchControl, NodeSwitch.DEFAULT_OVS_BRIDGE, socketsRoot);
    }

    /** The embedded switch and vhost-user sockets at their node paths. */
    public CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot) {
        this(socket, checkpointDir, deviceInfoDir, sysfsRoot, DEFAULT_SWITCH_CONTROL, DEFAULT_SOCKETS_ROOT);
    }

    /** The node paths of ARCHITECTURE.md ({@link NodePaths#defaults()}) and the real /sys. */
    public static CniAgentConfig defaults() {
        NodePaths node = NodePaths.defaults();
        return new CniAgentConfig(node.agentSocket(), node.checkpointDir(), node.devInfoDir(), Path.of("/sys"));
    }

    /** The embedded switch behind {@code control}, vhost-user sockets under {@code sockets}. */
    public CniAgentConfig withSwitch(Path control, Path sockets) {
        return new CniAgentConfig(socket, checkpointDir, deviceInfoDir, sysfsRoot, SwitchBackend.EMBEDDED, control, ovsBridge, sockets);
    }

    /** Open vSwitch with DPDK behind ovsdb-server's {@code dbSocket}, Fastpath's ports on {@code bridge}. */
    public CniAgentConfig withOvs(Path dbSocket, String bridge) {
        return new CniAgentConfig(socket, checkpointDir, deviceInfoDir, sysfsRoot, SwitchBackend.OVS, dbSocket, bridge, socketsRoot);
    }
}
