package dev.fastpath.dataplane.embedded.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fastpath-switch control socket: a unix stream socket (mode 0600) speaking line-delimited JSON, one request
 * object per line and one response object per line:
 * <pre>
 * {"op":"addPort","spec":{...}}      -> {"ok":true,"port":{...}}
 * {"op":"removePort","name":"p1"}    -> {"ok":true}
 * {"op":"listPorts"}                 -> {"ok":true,"ports":[...]}
 * {"op":"port","name":"p1"}          -> {"ok":true,"port":{...}}
 * {"op":"health"}                    -> {"ok":true,"healthy":true,"detail":"..."}
 * {"op":"pmdStats"}                  -> {"ok":true,"busyNanos":..,"packets":..,"rounds":..,"bursts":..,"learnedMacs":..,"gcCount":..,
 *                                        "pmds":[{"core":0,"busyNanos":..,"packets":..,"rounds":..,"bursts":..,"ports":[..]},..]}
 * failures                           -> {"ok":false,"reason":"UNKNOWN_PORT|DUPLICATE_PORT|INVALID_SPEC|BACKEND_FAILURE","message":"..."}
 * </pre>
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());

    private final SwitchEngine engine;
    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    public ControlServer(SwitchEngine engine, Path path) throws IOException {
        this.engine = engine;
        this.path = path;
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path); // a socket left by a killed switch
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        acceptor = Thread.ofPlatform().name("fastpath-switch-control").daemon(true).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("control-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "control socket accept failed", e);
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(client)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode response = handle(line);
                out.write((PortSpecJson.MAPPER.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "control connection closed", e);
        }
    }

    ObjectNode handle(String line) {
        ObjectNode r = PortSpecJson.MAPPER.createObjectNode();
        try {
            JsonNode req = PortSpecJson.MAPPER.readTree(line);
            String op = req.path("op").asText("");
            switch (op) {
                case "addPort" -> r.set("port", PortSpecJson.toJson(engine.addPort(PortSpecJson.fromJson(req.path("spec")))));
                case "removePort" -> engine.removePort(req.path("name").asText());
                case "listPorts" -> {
                    ArrayNode ports = r.putArray("ports");
                    for (PortInfo p : engine.listPorts()) {
                        ports.add(PortSpecJson.toJson(p));
                    }
                }
                case "port" -> r.set("port", PortSpecJson.toJson(engine.port(req.path("name").asText())));
                case "health" -> {
                    Switch.Health h = engine.health();
                    r.put("healthy", h.healthy());
                    r.put("detail", h.detail());
                }
                case "pmdStats" -> {
                    SwitchEngine.PmdStats s = engine.pmdStats();
                    r.put("busyNanos", s.busyNanos());
                    r.put("packets", s.packets());
                    r.put("rounds", s.rounds());
                    r.put("bursts", s.bursts());
                    r.put("learnedMacs", s.learnedMacs());
                    ArrayNode pmds = r.putArray("pmds");
                    for (SwitchEngine.PmdStats.Pmd p : s.pmds()) {
                        ObjectNode n = pmds.addObject().put("core", p.core()).put("busyNanos", p.busyNanos())
                                .put("packets", p.packets()).put("rounds", p.rounds()).put("bursts", p.bursts());
                        p.ports().forEach(n.putArray("ports")::add);
                    }
                    long gcs = 0;
                    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                        gcs += Math.max(0, gc.getCollectionCount());
                    }
                    r.put("gcCount", gcs); // the burst loop allocates nothing: this stays flat under traffic
                }
                default -> throw new SwitchException(SwitchException.Reason.INVALID_SPEC, "unknown op '" + op + "'");
            }
            r.put("ok", true);
        } catch (SwitchException e) {
            r.removeAll();
            r.put("ok", false);
            r.put("reason", e.reason().name());
            r.put("message", e.getMessage());
        } catch (IOException | RuntimeException e) {
            r.removeAll();
            r.put("ok", false);
            r.put("reason", SwitchException.Reason.BACKEND_FAILURE.name());
            r.put("message", "request failed: " + e);
            LOG.log(Level.WARNING, "control request failed: " + line, e);
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
