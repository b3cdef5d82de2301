package dev.fastpath.nodeagent.cni;

import java.nio.file.Path;

/**
 * Where the CNI side of the agent keeps things (ARCHITECTURE.md "Node paths"); every path is configurable so
 * tests point them under a temp dir and sysfs at a fake tree.
 *
 * @param socket        the agent socket the shim connects to (0600)
 * @param checkpointDir the attachment checkpoint
 * @param deviceInfoDir where NPWG device-info files go when Multus names none
 * @param sysfsRoot     sysfs (the real /sys, or a fake tree in tests)
 * @param switchControl the embedded switch's control socket (fastpath-switch {@code --control})
 * @param socketsRoot   vhost-user sockets go to {@code <socketsRoot>/<podUID>/<ifname>.sock}
 */
public record CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot, Path switchControl, Path socketsRoot) {
    public static final Path DEFAULT_SWITCH_CONTROL = Path.of("/run/fastpath/switch.sock");
    public static final Path DEFAULT_SOCKETS_ROOT = Path.of("/run/fastpath/sockets");

    /** The switch and vhost-user sockets at their node paths. */
    public CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot) {
        this(socket, checkpointDir, deviceInfoDir, sysfsRoot, DEFAULT_SWITCH_CONTROL, DEFAULT_SOCKETS_ROOT);
    }

    public static CniAgentConfig defaults() {
        return new CniAgentConfig(Path.of("/run/fastpath/agent.sock"), Path.of("/var/lib/fastpath"),
                Path.of("/var/run/k8s.cni.cncf.io/devinfo/cni"), Path.of("/sys"));
    }

    public CniAgentConfig withSwitch(Path control, Path sockets) {
        return new CniAgentConfig(socket, checkpointDir, deviceInfoDir, sysfsRoot, control, sockets);
    }
}
