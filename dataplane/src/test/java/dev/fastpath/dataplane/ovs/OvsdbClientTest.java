package dev.fastpath.dataplane.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.ovs.ovsdb.Json;
import dev.fastpath.dataplane.ovs.ovsdb.Op;
import dev.fastpath.dataplane.ovs.ovsdb.OvsdbClient;
import dev.fastpath.dataplane.ovs.ovsdb.OvsdbException;
import dev.fastpath.dataplane.testing.Commands;
import dev.fastpath.dataplane.testing.PrivateOvs;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The RFC 7047 client against a real ovsdb-server (no DPDK, no root): request/response matching, the server's
 * echo probes, transaction errors with the server's error and details, and monitor updates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OvsdbClientTest {
    private static final String DB = "Open_vSwitch";
    private PrivateOvs ovs;
    private Path dir;

    @BeforeAll
    void startServer() throws Exception {
        Commands.assumePresent("ovsdb-server", "ovsdb-tool");
        dir = Files.createTempDirectory("fp-ovsdb-client");
        ovs = PrivateOvs.startDatabase(dir);
    }

    @AfterAll
    void stopServer() {
        if (ovs != null) ovs.close();
    }

    @Test
    void listsDatabasesAndRoundTripsRowsWithMapsAndSets() {
        try (OvsdbClient client = ovs.connect()) {
            assertTrue(client.listDbs().contains(DB), "databases: " + client.listDbs());
            ObjectNode row = Json.object();
            row.put("name", "rt-br");
            row.put("datapath_type", "netdev");
            row.set("other_config", Json.map(Map.of("k1", "v1", "k2", "v 2")));
            row.set("flood_vlans", Json.set(List.of(10, 20)));
            List<JsonNode> results = client.transact(DB, List.of(
                    Op.insert("Bridge", row, "b"),
                    Op.mutate("Open_vSwitch", List.of(), Op.mutation("bridges", "insert", Json.set(List.of(Json.namedUuid("b"))))),
                    Op.select("Bridge", List.of(Op.where("name", "==", "rt-br")), "_uuid", "other_config", "flood_vlans")));
            String uuid = Json.uuidOf(results.get(0).get("uuid"));
            JsonNode selected = results.get(2).path("rows").path(0);
            assertEquals(uuid, Json.uuidOf(selected.get("_uuid")));
            assertEquals(Map.of("k1", "v1", "k2", "v 2"), Json.mapEntries(selected.get("other_config")));
            assertEquals(List.of(10, 20), Json.setElements(selected.get("flood_vlans")).stream().map(JsonNode::asInt).sorted().toList());
            assertEquals(1, results.get(1).path("count").asInt());
        }
    }

    @Test
    void transactionErrorsCarryTheServersErrorAndDetailsAndRollBack() {
        try (OvsdbClient client = ovs.connect()) {
            ObjectNode row = Json.object();
            row.put("name", "dup-br");
            // Two bridges of one name break the Bridge table's index: the commit fails as a whole.
            OvsdbException e = assertThrows(OvsdbException.class, () -> client.transact(DB, List.of(
                    Op.insert("Bridge", row, "a"), Op.insert("Bridge", row, "b"),
                    Op.mutate("Open_vSwitch", List.of(), Op.mutation("bridges", "insert",
                            Json.set(List.of(Json.namedUuid("a"), Json.namedUuid("b"))))))));
            assertEquals("constraint violation", e.error(), e.getMessage());
            assertTrue(e.details().contains("dup-br"), e.details());
            assertTrue(e.getMessage().contains("commit"), e.getMessage());
            assertEquals(0, client.transact(DB, List.of(Op.select("Bridge", List.of(Op.where("name", "==", "dup-br")))))
                    .getFirst().path("rows").size(), "nothing of the failed transaction may remain");

            // An operation's own error names the operation.
            OvsdbException bad = assertThrows(OvsdbException.class, () -> client.transact(DB, List.of(
                    Op.select("Bridge", List.of()), Op.select("NoSuchTable", List.of()))));
            assertTrue(bad.getMessage().contains("operation 1 (select NoSuchTable)"), bad.getMessage());
            assertTrue(bad.error() != null && !bad.error().isBlank(), bad.getMessage());

            // A JSON-RPC level error (unknown database) is reported the same way.
            OvsdbException unknownDb = assertThrows(OvsdbException.class, () -> client.transact("NoSuchDb", List.of(Op.select("Bridge", List.of()))));
            assertTrue(unknownDb.error().contains("unknown database"), unknownDb.getMessage());
            // ... and the session is still usable afterwards.
            client.echo();
        }
    }

    @Test
    void concurrentRequestsGetTheirOwnResponses() throws Exception {
        try (OvsdbClient client = ovs.connect(); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String name = "conc-" + i;
                futures.add(pool.submit(() -> {
                    ObjectNode row = Json.object();
                    row.put("name", name);
                    client.transact(DB, List.of(Op.insert("Bridge", row, "b"),
                            Op.mutate("Open_vSwitch", List.of(), Op.mutation("bridges", "insert", Json.set(List.of(Json.namedUuid("b")))))));
                    return client.transact(DB, List.of(Op.select("Bridge", List.of(Op.where("name", "==", name)), "name")))
                            .getFirst().path("rows").path(0).path("name").asText();
                }));
            }
            for (int i = 0; i < futures.size(); i++) assertEquals("conc-" + i, futures.get(i).get());
        }
    }

    /**
     * A Manager row gives a listener with a 1 s inactivity probe: the server sends echo requests. The client answers
     * them and stays connected; a raw socket that does not answer is dropped by the server.
     */
    @Test
    void answersTheServersEchoProbesWhileASilentPeerIsDropped() throws Exception {
        Path probeSocket = dir.resolve("run/probe.sock");
        try (OvsdbClient admin = ovs.connect()) {
            ObjectNode manager = Json.object();
            manager.put("target", "punix:" + probeSocket);
            manager.put("inactivity_probe", 1000);
            admin.transact(DB, List.of(Op.insert("Manager", manager, "m"),
                    Op.mutate("Open_vSwitch", List.of(), Op.mutation("manager_options", "insert", Json.set(List.of(Json.namedUuid("m")))))));
        }
        try (OvsdbClient client = connectOnceListening(probeSocket, Duration.ofSeconds(10));
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(probeSocket));
            Thread.sleep(3500);
            assertTrue(client.echoesAnswered() >= 1, "the server should have probed an idle session within 3.5 s");
            assertTrue(client.isConnected());
            client.echo();
            assertTrue(client.listDbs().contains(DB));

            // The silent peer got the echo request and was disconnected for not answering it.
            String seen = drain(silent);
            assertTrue(seen.contains("\"echo\""), "the silent peer should have been sent an echo request, got: " + seen);
            assertTrue(seen.endsWith("<EOF>"), "the silent peer should have been disconnected, got: " + seen);
        }
    }

    /**
     * ovsdb-server opens a Manager listener asynchronously, and its socket file appears at bind(), before listen():
     * a connect in between is refused, so retry until the listener accepts or the deadline passes.
     */
    private static OvsdbClient connectOnceListening(Path socket, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return OvsdbClient.connect(socket, Duration.ofSeconds(5));
            } catch (OvsdbException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ovsdb-server did not open the Manager listener " + socket + " within " + within, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void monitorDeliversInitialRowsAndUpdates() throws Exception {
        try (OvsdbClient watcher = ovs.connect(); OvsdbClient writer = ovs.connect()) {
            List<JsonNode> updates = new CopyOnWriteArrayList<>();
            ObjectNode requests = Json.object();
            ObjectNode bridgeRequest = Json.object();
            bridgeRequest.set("columns", Json.array("name"));
            requests.set("Bridge", bridgeRequest);
            JsonNode initial = watcher.monitor(DB, "bridges", requests, updates::add);
            assertTrue(initial.isObject());

            ObjectNode row = Json.object();
            row.put("name", "mon-br");
            writer.transact(DB, List.of(Op.insert("Bridge", row, "b"),
                    Op.mutate("Open_vSwitch", List.of(), Op.mutation("bridges", "insert", Json.set(List.of(Json.namedUuid("b")))))));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (updates.stream().noneMatch(u -> u.toString().contains("mon-br")) && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(updates.stream().anyMatch(u -> u.path("Bridge").toString().contains("\"new\":{\"name\":\"mon-br\"}")),
                    "updates: " + updates);
            watcher.monitorCancel("bridges");
        }
    }

    @Test
    void aDeadServerFailsPendingAndLaterCallsClearly() {
        OvsdbException e = assertThrows(OvsdbException.class, () -> OvsdbClient.connect(dir.resolve("run/nothing.sock"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("nothing.sock"), e.getMessage());
        OvsdbClient client = ovs.connect();
        client.close();
        assertFalse(client.isConnected());
        OvsdbException closed = assertThrows(OvsdbException.class, client::echo);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    private static String drain(SocketChannel channel) throws Exception {
        channel.configureBlocking(false);
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) return text.append("<EOF>").toString();
            if (n == 0) Thread.sleep(20);
            text.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
