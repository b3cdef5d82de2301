package dev.fastpath.nodeagent.vswitch;

import dev.fastpath.api.v1alpha1.SwitchBackend;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.embedded.EmbeddedSwitch;
import dev.fastpath.dataplane.ovs.OvsSwitchConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The node's switch for the attach handlers: the client of the backend this node runs, and where that backend
 * listens, which errors name when it cannot be reached.
 *
 * @param backend  embedded or ovs, as {@code NodePolicy.switch.backend} says
 * @param client   the {@link Switch} the handlers add and remove ports with
 * @param endpoint fastpath-switch's control socket, or ovsdb-server's socket
 */
public record NodeSwitch(SwitchBackend backend, Switch client, Path endpoint) {
    /** Open vSwitch's database socket on a stock node. */
    public static final Path DEFAULT_OVSDB = Path.of("/var/run/openvswitch/db.sock");
    /** The netdev bridge Fastpath's ports go on in Open vSwitch. */
    public static final String DEFAULT_OVS_BRIDGE = "fastpath0";

    public NodeSwitch {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Fastpath's own switch, driven over its control socket. */
    public static NodeSwitch embedded(Path controlSocket) {
        return new NodeSwitch(SwitchBackend.EMBEDDED, new EmbeddedSwitch(controlSocket), controlSocket);
    }

    /** Open vSwitch with DPDK; the OVSDB connection is made on first use, so the agent starts before OVS does. */
    public static NodeSwitch ovs(OvsSwitchConfig config) {
        return new NodeSwitch(SwitchBackend.OVS, new LazyOvsSwitch(config), config.dbSocket());
    }

    /** What the switch is and where it listens, for messages. */
    public String describe() {
        return switch (backend) {
            case EMBEDDED -> "fastpath-switch at its control socket " + endpoint;
            case OVS -> "Open vSwitch at its OVSDB socket " + endpoint;
        };
    }
}
