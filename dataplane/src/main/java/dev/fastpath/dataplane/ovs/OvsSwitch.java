package dev.fastpath.dataplane.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.PortStats;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.dataplane.SwitchException.Reason;
import dev.fastpath.dataplane.ovs.OvsRows.BridgeRow;
import dev.fastpath.dataplane.ovs.OvsRows.InterfaceRow;
import dev.fastpath.dataplane.ovs.OvsRows.PortRow;
import dev.fastpath.dataplane.ovs.ovsdb.Json;
import dev.fastpath.dataplane.ovs.ovsdb.Op;
import dev.fastpath.dataplane.ovs.ovsdb.OvsdbClient;
import dev.fastpath.dataplane.ovs.ovsdb.OvsdbException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@link Switch} on a node that already runs Open vSwitch with DPDK. Everything goes through OVSDB: a port is
 * one transaction (Interface + Port rows, the Bridge's {@code ports}, {@code next_cfg += 1}), and the change counts
 * as applied when ovs-vswitchd raises {@code cur_cfg} to that {@code next_cfg}. Ports live in OVSDB, so they survive
 * an ovs-vswitchd restart, and ovs-vswitchd reconnects {@code dpdkvhostuserclient} ports to their pods by itself.
 *
 * <p>Counters and link state are {@code Interface.statistics} and {@code link_state}, which ovs-vswitchd writes
 * back every {@code other_config:stats-update-interval} (5 s at least): they lag the data plane by up to that.
 * Only ports on the configured bridge are Fastpath's; others on the node are neither listed nor touched.
 */
public final class OvsSwitch implements Switch {
    private static final Logger LOG = Logger.getLogger(OvsSwitch.class.getName());

    private final OvsSwitchConfig config;
    private final Object lock = new Object();
    private OvsdbClient client;

    private OvsSwitch(OvsSwitchConfig config) {
        this.config = config;
    }

    /** Connects to ovsdb-server and makes sure the netdev bridge exists (waiting for ovs-vswitchd to create it). */
    public static OvsSwitch open(OvsSwitchConfig config) {
        OvsPortPlan.checkName(config.bridge());
        OvsSwitch ovs = new OvsSwitch(config);
        try {
            ovs.ensureBridge();
            return ovs;
        } catch (RuntimeException e) {
            ovs.close();
            throw e;
        }
    }

    @Override
    public PortInfo addPort(PortSpec spec) {
        OvsPortPlan plan = OvsPortPlan.of(spec, config);
        synchronized (lock) {
            checkNameFree(plan.name());
            List<ObjectNode> ops = new ArrayList<>();
            // Re-check inside the transaction: another OVSDB client may have taken the name since the read above.
            ops.add(Op.waitFor(OvsRows.INTERFACE, List.of(Op.where("name", "==", plan.name())), List.of("name"), "==", Json.array()));
            ops.add(Op.waitFor(OvsRows.PORT, List.of(Op.where("name", "==", plan.name())), List.of("name"), "==", Json.array()));
            ops.add(Op.waitFor(OvsRows.BRIDGE, bridgeWhere(), List.of("name"), "!=", Json.array()));
            ops.add(Op.insert(OvsRows.INTERFACE, plan.interfaceRow(), "iface"));
            ObjectNode portRow = plan.portRow().deepCopy();
            portRow.set("interfaces", Json.namedUuid("iface"));
            ops.add(Op.insert(OvsRows.PORT, portRow, "port"));
            ops.add(Op.mutate(OvsRows.BRIDGE, bridgeWhere(), Op.mutation("ports", "insert", Json.set(List.of(Json.namedUuid("port"))))));
            ops.add(Op.comment("fastpath: add port " + plan.name()));
            long target = commitAndBumpConfig(ops, "add port " + plan.name(), Reason.DUPLICATE_PORT);
            try {
                awaitApplied(target, "add port " + plan.name());
                InterfaceRow iface = interfaceNamed(plan.name());
                if (iface != null && (iface.error() != null || Long.valueOf(-1).equals(iface.ofport()))) {
                    throw new SwitchException(Reason.BACKEND_FAILURE, "port " + plan.name() + ": ovs-vswitchd could not set it up: "
                            + (iface.error() != null ? iface.error() : "no OpenFlow port assigned"));
                }
            } catch (SwitchException e) {
                undoAdd(plan.name(), e);
                throw e;
            }
            LOG.info(() -> "ovs: bridge " + config.bridge() + ": added port " + plan.name() + " (" + spec.type() + ")");
            return port(plan.name());
        }
    }

    @Override
    public void removePort(String name) {
        synchronized (lock) {
            deletePort(name);
        }
        LOG.info(() -> "ovs: bridge " + config.bridge() + ": removed port " + name);
    }

    @Override
    public List<PortInfo> listPorts() {
        synchronized (lock) {
            return snapshot().ports().stream().map(p -> p.info).toList();
        }
    }

    /** One port; a port ovs-vswitchd failed to open is reported as {@link Reason#BACKEND_FAILURE} with its error. */
    @Override
    public PortInfo port(String name) {
        synchronized (lock) {
            for (Entry entry : snapshot().ports()) {
                if (!entry.info.name().equals(name)) continue;
                if (entry.error != null) {
                    throw new SwitchException(Reason.BACKEND_FAILURE, "port " + name + " failed in ovs-vswitchd: " + entry.error);
                }
                return entry.info;
            }
            throw unknown(name);
        }
    }

    @Override
    public Health health() {
        try {
            synchronized (lock) {
                JsonNode root = transact(List.of(Op.select(OvsRows.ROOT, List.of(), "next_cfg", "cur_cfg", "dpdk_initialized"))).getFirst()
                        .path("rows").path(0);
                long next = root.path("next_cfg").asLong();
                long cur = root.path("cur_cfg").asLong();
                if (!root.path("dpdk_initialized").asBoolean(false)) {
                    return new Health(false, "ovs-vswitchd has not initialized DPDK (Open_vSwitch.dpdk_initialized is false)");
                }
                if (cur < next) {
                    return new Health(false, "ovs-vswitchd has applied configuration " + cur + " of " + next + " (is it running?)");
                }
                List<String> failed = snapshot().ports().stream().filter(e -> e.error != null)
                        .map(e -> e.info.name() + ": " + e.error).toList();
                if (!failed.isEmpty()) return new Health(false, "failed ports: " + String.join("; ", failed));
                return new Health(true, "bridge " + config.bridge() + " applied at configuration " + cur);
            }
        } catch (SwitchException e) {
            return new Health(false, e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (client != null) client.close();
            client = null;
        }
    }

    // ---- transactions ------------------------------------------------------------------------------------------

    private void ensureBridge() {
        synchronized (lock) {
            JsonNode roots = transact(List.of(Op.select(OvsRows.ROOT, List.of(), "_uuid"))).getFirst().path("rows");
            if (roots.isEmpty()) {
                throw new SwitchException(Reason.BACKEND_FAILURE, "OVSDB at " + config.dbSocket()
                        + " has no Open_vSwitch row: the database was never initialized (ovs-vsctl init / ovs-ctl start)");
            }
            BridgeRow bridge = bridgeRow();
            if (bridge != null) {
                if (!bridge.datapathType().equals("netdev")) {
                    throw new SwitchException(Reason.BACKEND_FAILURE, "bridge " + config.bridge() + " exists with datapath_type '"
                            + bridge.datapathType() + "', but vhost-user ports need a 'netdev' (userspace DPDK) bridge");
                }
                return;
            }
            ObjectNode row = Json.object();
            row.put("name", config.bridge());
            row.put("datapath_type", "netdev");
            List<ObjectNode> ops = new ArrayList<>();
            ops.add(Op.waitFor(OvsRows.BRIDGE, bridgeWhere(), List.of("name"), "==", Json.array()));
            ops.add(Op.insert(OvsRows.BRIDGE, row, "bridge"));
            ops.add(Op.mutate(OvsRows.ROOT, List.of(), Op.mutation("bridges", "insert", Json.set(List.of(Json.namedUuid("bridge"))))));
            ops.add(Op.comment("fastpath: create bridge " + config.bridge()));
            long target = commitAndBumpConfig(ops, "create bridge " + config.bridge(), null);
            awaitApplied(target, "create bridge " + config.bridge());
            LOG.info(() -> "ovs: created netdev bridge " + config.bridge());
        }
    }

    private void deletePort(String name) {
        PortRow port = findPort(name);
        if (port == null) throw unknown(name);
        List<ObjectNode> ops = new ArrayList<>();
        ops.add(Op.mutate(OvsRows.BRIDGE, bridgeWhere(), Op.mutation("ports", "delete", Json.set(List.of(Json.uuid(port.uuid()))))));
        ops.add(Op.delete(OvsRows.PORT, List.of(Op.where("_uuid", "==", Json.uuid(port.uuid())))));
        for (String iface : port.interfaceUuids()) {
            ops.add(Op.delete(OvsRows.INTERFACE, List.of(Op.where("_uuid", "==", Json.uuid(iface)))));
        }
        ops.add(Op.comment("fastpath: remove port " + name));
        long target = commitAndBumpConfig(ops, "remove port " + name, null);
        awaitApplied(target, "remove port " + name);
    }

    /** Takes back a port whose add failed after its transaction committed, so nothing is left half-created. */
    private void undoAdd(String name, SwitchException cause) {
        try {
            PortRow port = findPort(name);
            if (port == null) return;
            List<ObjectNode> ops = new ArrayList<>();
            ops.add(Op.mutate(OvsRows.BRIDGE, bridgeWhere(), Op.mutation("ports", "delete", Json.set(List.of(Json.uuid(port.uuid()))))));
            ops.add(Op.comment("fastpath: undo failed add of port " + name));
            // Not waiting for ovs-vswitchd here: when it is the reason the add failed, it would not answer either.
            commitAndBumpConfig(ops, "undo add port " + name, null);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Adds {@code next_cfg += 1} to the operations, commits them as one transaction and returns the new next_cfg. */
    private long commitAndBumpConfig(List<ObjectNode> ops, String what, Reason waitFailure) {
        List<ObjectNode> all = new ArrayList<>(ops);
        all.add(Op.mutate(OvsRows.ROOT, List.of(), Op.mutation("next_cfg", "+=", 1)));
        all.add(Op.select(OvsRows.ROOT, List.of(), "next_cfg"));
        List<JsonNode> results;
        try {
            results = client().transact(OvsRows.DB, all);
        } catch (OvsdbException e) {
            if (waitFailure != null && "timed out".equals(e.error())) {
                // A wait operation failed: another OVSDB client took the name (or removed the bridge) since we looked.
                throw new SwitchException(waitFailure, what + ": the name was taken (or the bridge removed) concurrently by another"
                        + " OVSDB client (" + e.getMessage() + ")", e);
            }
            throw new SwitchException(Reason.BACKEND_FAILURE, what + ": " + e.getMessage(), e);
        }
        return results.getLast().path("rows").path(0).path("next_cfg").asLong();
    }

    /** Waits until ovs-vswitchd reports (cur_cfg) that it applied configuration {@code target}. */
    private void awaitApplied(long target, String what) {
        long deadline = System.nanoTime() + config.applyTimeout().toNanos();
        long pause = 5;
        while (true) {
            long cur = transact(List.of(Op.select(OvsRows.ROOT, List.of(), "cur_cfg"))).getFirst().path("rows").path(0).path("cur_cfg").asLong();
            if (cur >= target) return;
            if (System.nanoTime() > deadline) {
                throw new SwitchException(Reason.BACKEND_FAILURE, what + ": ovs-vswitchd did not apply configuration " + target
                        + " within " + config.applyTimeout() + " (cur_cfg is " + cur + "; is ovs-vswitchd running?)");
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
    }

    private List<JsonNode> transact(List<ObjectNode> ops) {
        try {
            return client().transact(OvsRows.DB, ops);
        } catch (OvsdbException e) {
            throw new SwitchException(Reason.BACKEND_FAILURE, "OVSDB: " + e.getMessage(), e);
        }
    }

    /** The connection, reopened when ovsdb-server went away since the last call. */
    private OvsdbClient client() {
        if (client == null || !client.isConnected()) {
            if (client != null) client.close();
            try {
                client = OvsdbClient.connect(config.dbSocket(), config.requestTimeout());
            } catch (OvsdbException e) {
                client = null;
                throw new SwitchException(Reason.BACKEND_FAILURE, e.getMessage(), e);
            }
        }
        return client;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    private record Entry(PortInfo info, String error) {}

    private record Snapshot(List<Entry> ports) {}

    /** Reads the bridge, its ports and their interfaces in one transaction, so the view is consistent. */
    private Snapshot snapshot() {
        List<JsonNode> results = transact(List.of(
                Op.select(OvsRows.BRIDGE, bridgeWhere(), "_uuid", "name", "datapath_type", "ports"),
                Op.select(OvsRows.PORT, List.of(), OvsRows.PORT_COLUMNS),
                Op.select(OvsRows.INTERFACE, List.of(), OvsRows.INTERFACE_COLUMNS)));
        JsonNode bridgeRows = results.get(0).path("rows");
        if (bridgeRows.isEmpty()) {
            throw new SwitchException(Reason.BACKEND_FAILURE, "bridge " + config.bridge() + " is gone from OVSDB");
        }
        BridgeRow bridge = BridgeRow.of(bridgeRows.get(0));
        Map<String, PortRow> ports = new HashMap<>();
        results.get(1).path("rows").forEach(r -> { PortRow p = PortRow.of(r); ports.put(p.uuid(), p); });
        Map<String, InterfaceRow> ifaces = new HashMap<>();
        results.get(2).path("rows").forEach(r -> { InterfaceRow i = InterfaceRow.of(r); ifaces.put(i.uuid(), i); });
        List<Entry> out = new ArrayList<>();
        for (String portUuid : bridge.portUuids()) {
            PortRow port = ports.get(portUuid);
            if (port == null || port.interfaceUuids().isEmpty()) continue;
            InterfaceRow iface = ifaces.get(port.interfaceUuids().getFirst());
            if (iface == null) continue;
            PortSpec.PortType type = switch (iface.type()) {
                case OvsPortPlan.VHOST_CLIENT, OvsPortPlan.VHOST_SERVER -> PortSpec.PortType.VHOST_USER;
                case OvsPortPlan.DPDK -> PortSpec.PortType.UPLINK;
                default -> null; // internal ports and anything Fastpath did not create
            };
            if (type == null) continue;
            String socket = switch (iface.type()) {
                case OvsPortPlan.VHOST_CLIENT -> iface.options().get("vhost-server-path");
                case OvsPortPlan.VHOST_SERVER -> config.vhostServerSocketDir() == null ? null
                        : config.vhostServerSocketDir().resolve(iface.name()).toString();
                default -> null;
            };
            PortStats stats = new PortStats(iface.stat("rx_packets"), iface.stat("rx_bytes"), iface.stat("tx_packets"),
                    iface.stat("tx_bytes"), iface.stat("rx_dropped"), iface.stat("tx_dropped"));
            PortInfo.LinkState link = "up".equals(iface.linkState()) ? PortInfo.LinkState.UP : PortInfo.LinkState.DOWN;
            out.add(new Entry(new PortInfo(port.name(), type, socket, port.tag(), link, stats), iface.error()));
        }
        out.sort(java.util.Comparator.comparing(e -> e.info.name()));
        return new Snapshot(out);
    }

    private BridgeRow bridgeRow() {
        JsonNode rows = transact(List.of(Op.select(OvsRows.BRIDGE, bridgeWhere(), "_uuid", "name", "datapath_type", "ports")))
                .getFirst().path("rows");
        return rows.isEmpty() ? null : BridgeRow.of(rows.get(0));
    }

    /** The port of that name on our bridge; null when there is none. */
    private PortRow findPort(String name) {
        BridgeRow bridge = bridgeRow();
        if (bridge == null) return null;
        JsonNode rows = transact(List.of(Op.select(OvsRows.PORT, List.of(Op.where("name", "==", name)), OvsRows.PORT_COLUMNS)))
                .getFirst().path("rows");
        for (JsonNode row : rows) {
            PortRow port = PortRow.of(row);
            if (bridge.portUuids().contains(port.uuid())) return port;
        }
        return null;
    }

    /** Port and interface names are global in ovs-vswitchd, whatever bridge holds them. */
    private void checkNameFree(String name) {
        if (findPort(name) != null) {
            throw new SwitchException(Reason.DUPLICATE_PORT, "port " + name + " already exists on bridge " + config.bridge());
        }
        JsonNode rows = transact(List.of(Op.select(OvsRows.PORT, List.of(Op.where("name", "==", name)), "_uuid"))).getFirst().path("rows");
        if (!rows.isEmpty() || interfaceNamed(name) != null) {
            throw new SwitchException(Reason.DUPLICATE_PORT, "port " + name + " already exists in Open vSwitch outside bridge "
                    + config.bridge() + " (port and interface names are global there)");
        }
    }

    private InterfaceRow interfaceNamed(String name) {
        JsonNode rows = transact(List.of(Op.select(OvsRows.INTERFACE, List.of(Op.where("name", "==", name)), OvsRows.INTERFACE_COLUMNS)))
                .getFirst().path("rows");
        return rows.isEmpty() ? null : InterfaceRow.of(rows.get(0));
    }

    private List<ArrayNode> bridgeWhere() {
        return List.of(Op.where("name", "==", config.bridge()));
    }

    private static SwitchException unknown(String name) {
        return new SwitchException(Reason.UNKNOWN_PORT, "no port named " + name + " on the ovs switch");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchException(Reason.BACKEND_FAILURE, "interrupted waiting for ovs-vswitchd", e);
        }
    }

    /** The socket a vhost-user SERVER port of this name gets, or null when server mode is not configured. */
    public Path serverSocketFor(String portName) {
        return config.vhostServerSocketDir() == null ? null : config.vhostServerSocketDir().resolve(portName);
    }
}
