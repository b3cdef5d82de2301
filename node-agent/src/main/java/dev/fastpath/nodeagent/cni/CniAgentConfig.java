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
 */
public record CniAgentConfig(Path socket, Path checkpointDir, Path deviceInfoDir, Path sysfsRoot) {
    public static CniAgentConfig defaults() {
        return new CniAgentConfig(Path.of("/run/fastpath/agent.sock"), Path.of("/var/lib/fastpath"),
                Path.of("/var/run/k8s.cni.cncf.io/devinfo/cni"), Path.of("/sys"));
    }
}
