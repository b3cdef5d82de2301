package dev.fastpath.operator.config;

import dev.fastpath.api.NodePaths;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every operator setting, under {@code fastpath.operator.*} (env FASTPATH_OPERATOR_*). */
@ConfigMapping(prefix = "fastpath.operator")
public interface FastpathOperatorConfig {

    Rollout rollout();

    Pod pod();

    interface Rollout {
        /**
         * How many nodes may be in a disruptive change (numVfs, VF driver) at once when no NodePolicy sets its
         * own {@code maxUnavailable}.
         */
        @WithDefault("1")
        int maxUnavailable();

        /** How often a node waiting for its turn is looked at again, even without an event. */
        @WithDefault("PT30S")
        java.time.Duration recheckInterval();
    }

    interface Pod {
        /** Host directory holding one sub-directory of vhost-user sockets per pod UID (node-agent writes there). */
        @WithDefault(NodePaths.SOCKET_DIR)
        String socketsHostPath();

        /** Where a container sees its own socket directory. */
        @WithDefault(NodePaths.SOCKET_DIR)
        String socketsMountPath();

        /** Where a container sees the Downward API file with its pod's annotations (network-status). */
        @WithDefault("/etc/podnetinfo")
        String podInfoMountPath();
    }
}
