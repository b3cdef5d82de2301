package dev.fastpath.dataplane.ovs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.dataplane.SwitchException.Reason;
import dev.fastpath.dataplane.ovs.ovsdb.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Interface and Port rows one {@link PortSpec} becomes in OVSDB, built only after the whole spec was
 * checked, so an invalid spec never reaches the database.
 *
 * <ul>
 *   <li>vhost-user CLIENT: Interface {@code type=dpdkvhostuserclient}, {@code options:vhost-server-path}; the pod or
 *       VM owns the server socket and ovs-vswitchd reconnects to it (also after its own restart).</li>
 *   <li>vhost-user SERVER: Interface {@code type=dpdkvhostuser}; ovs-vswitchd names the socket after the port inside
 *       its own socket directory, so the spec's socket must be exactly {@code <vhostServerSocketDir>/<name>}.</li>
 *   <li>uplink: Interface {@code type=dpdk}, {@code options:dpdk-devargs=<device>} (PCI address or vdev), Port as
 *       an 802.1q trunk (no tag).</li>
 * </ul>
 * Access ports get {@code vlan_mode=access} and {@code tag=vlan}; vlan 0 is an access port on the untagged VLAN.
 */
record OvsPortPlan(String name, ObjectNode interfaceRow, ObjectNode portRow) {
    static final String VHOST_CLIENT = "dpdkvhostuserclient";
    static final String VHOST_SERVER = "dpdkvhostuser";
    static final String DPDK = "dpdk";

    static OvsPortPlan of(PortSpec spec, OvsSwitchConfig config) {
        if (spec == null) throw invalid("spec: must not be null");
        String name = checkName(spec.name());
        return switch (spec) {
            case PortSpec.VhostUser v -> vhostUser(name, v, config);
            case PortSpec.Uplink u -> uplink(name, u);
            case PortSpec.Kernel k -> throw invalid("type: port " + name + " is KERNEL, which the ovs backend does not offer (use the embedded backend)");
            case PortSpec.Memif m -> throw invalid("type: port " + name + " is MEMIF, which the ovs backend does not offer (use the embedded backend)");
        };
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) throw invalid("name: a port needs a name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw invalid("name: '" + name + "' must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static OvsPortPlan vhostUser(String name, PortSpec.VhostUser spec, OvsSwitchConfig config) {
        checkVlan(name, spec.vlan());
        if (spec.queues() < 0) throw invalid("queues: port " + name + " asks for " + spec.queues() + " queues");
        if (spec.mode() == null) throw invalid("mode: port " + name + " needs CLIENT or SERVER");
        Path socket = checkSocket(name, spec.socket());
        ObjectNode iface = Json.object();
        iface.put("name", name);
        if (spec.mode() == PortSpec.VhostMode.CLIENT) {
            iface.put("type", VHOST_CLIENT);
            iface.set("options", Json.map(Map.of("vhost-server-path", socket.toString())));
        } else {
            Path dir = config.vhostServerSocketDir();
            if (dir == null) {
                throw invalid("mode: port " + name + " asks for SERVER mode, which this ovs backend is not configured for"
                        + " (no vhost server socket directory); use CLIENT mode");
            }
            Path expected = dir.resolve(name);
            if (!socket.equals(expected)) {
                throw invalid("socket: port " + name + " in SERVER mode: ovs-vswitchd creates the socket at " + expected
                        + " (its vhost-sock-dir plus the port name), not at " + socket);
            }
            iface.put("type", VHOST_SERVER);
        }
        return new OvsPortPlan(name, iface, accessPort(name, spec.vlan()));
    }

    private static OvsPortPlan uplink(String name, PortSpec.Uplink spec) {
        if (spec.device() == null || spec.device().isBlank()) {
            throw invalid("device: uplink " + name + " needs a PCI address or a DPDK vdev string");
        }
        ObjectNode iface = Json.object();
        iface.put("name", name);
        iface.put("type", DPDK);
        iface.set("options", Json.map(Map.of("dpdk-devargs", spec.device())));
        ObjectNode port = Json.object();
        port.put("name", name);
        port.put("vlan_mode", "trunk");
        return new OvsPortPlan(name, iface, port);
    }

    private static ObjectNode accessPort(String name, int vlan) {
        ObjectNode port = Json.object();
        port.put("name", name);
        port.put("vlan_mode", "access");
        if (vlan > 0) port.put("tag", vlan);
        return port;
    }

    private static void checkVlan(String name, int vlan) {
        if (vlan < 0 || vlan > 4094) throw invalid("vlan: port " + name + " has vlan " + vlan + ", outside 0..4094 (0 = untagged)");
    }

    private static Path checkSocket(String name, Path socket) {
        if (socket == null) throw invalid("socket: vhost-user port " + name + " needs a socket path");
        if (!socket.isAbsolute()) throw invalid("socket: port " + name + " socket " + socket + " must be an absolute path");
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PortSpec.MAX_SOCKET_PATH_BYTES) {
            throw invalid("socket: port " + name + " socket path is " + bytes + " bytes, over the unix socket limit of "
                    + PortSpec.MAX_SOCKET_PATH_BYTES);
        }
        return socket;
    }

    private static SwitchException invalid(String message) {
        return new SwitchException(Reason.INVALID_SPEC, message);
    }
}
