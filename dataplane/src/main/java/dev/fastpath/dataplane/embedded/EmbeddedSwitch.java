package dev.fastpath.dataplane.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.dataplane.SwitchException.Reason;
import dev.fastpath.dataplane.embedded.control.PortSpecJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code embedded} backend as the node agent uses it: a client of the fastpath-switch control socket. Each
 * call is one request on a fresh connection, so a restarted switch is picked up without any reconnect logic.
 */
public final class EmbeddedSwitch implements Switch {
    private final Path controlSocket;

    public EmbeddedSwitch(Path controlSocket) {
        this.controlSocket = controlSocket;
    }

    @Override
    public PortInfo addPort(PortSpec spec) {
        ObjectNode req = PortSpecJson.MAPPER.createObjectNode().put("op", "addPort");
        req.set("spec", PortSpecJson.toJson(spec));
        return PortSpecJson.infoFromJson(call(req).path("port"));
    }

    @Override
    public void removePort(String name) {
        call(PortSpecJson.MAPPER.createObjectNode().put("op", "removePort").put("name", name));
    }

    @Override
    public List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        for (JsonNode n : call(PortSpecJson.MAPPER.createObjectNode().put("op", "listPorts")).path("ports")) {
            ports.add(PortSpecJson.infoFromJson(n));
        }
        return ports;
    }

    @Override
    public PortInfo port(String name) {
        return PortSpecJson.infoFromJson(call(PortSpecJson.MAPPER.createObjectNode().put("op", "port").put("name", name)).path("port"));
    }

    @Override
    public Health health() {
        try {
            JsonNode r = call(PortSpecJson.MAPPER.createObjectNode().put("op", "health"));
            return new Health(r.path("healthy").asBoolean(), r.path("detail").asText());
        } catch (SwitchException e) {
            return new Health(false, e.getMessage());
        }
    }

    /**
     * The PMDs' busy-time accounting summed over all PMD threads, and the switch JVM's GC count:
     * {busyNanos, packets, rounds, learnedMacs, gcCount, bursts}. Busy time counts each non-empty burst from its rx
     * call to the end of its tx bursts (what testpmd's --record-core-cycles counts); packets are those received.
     */
    public long[] pmdStats() {
        JsonNode r = call(PortSpecJson.MAPPER.createObjectNode().put("op", "pmdStats"));
        return new long[] {r.path("busyNanos").asLong(), r.path("packets").asLong(), r.path("rounds").asLong(),
            r.path("learnedMacs").asLong(), r.path("gcCount").asLong(), r.path("bursts").asLong()};
    }

    /** One PMD thread's accounting and the ports whose rx queue it polls. */
    public record Pmd(int core, long busyNanos, long packets, long rounds, long bursts, List<String> ports) {}

    /** Per PMD thread, in the order of the switch's {@code --pmd-cores}. */
    public List<Pmd> pmds() {
        List<Pmd> pmds = new ArrayList<>();
        for (JsonNode p : call(PortSpecJson.MAPPER.createObjectNode().put("op", "pmdStats")).path("pmds")) {
            List<String> ports = new ArrayList<>();
            p.path("ports").forEach(n -> ports.add(n.asText()));
            pmds.add(new Pmd(p.path("core").asInt(), p.path("busyNanos").asLong(), p.path("packets").asLong(),
                    p.path("rounds").asLong(), p.path("bursts").asLong(), ports));
        }
        return pmds;
    }

    @Override
    public void close() {
        // nothing held between calls; the switch process keeps running and keeps its ports
    }

    private JsonNode call(ObjectNode request) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(controlSocket));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((PortSpecJson.MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new SwitchException(Reason.BACKEND_FAILURE, "fastpath-switch at " + controlSocket + " closed the connection");
            }
            JsonNode r = PortSpecJson.MAPPER.readTree(line);
            if (!r.path("ok").asBoolean()) {
                Reason reason;
                try {
                    reason = Reason.valueOf(r.path("reason").asText());
                } catch (IllegalArgumentException e) {
                    reason = Reason.BACKEND_FAILURE;
                }
                throw new SwitchException(reason, r.path("message").asText());
            }
            return r;
        } catch (IOException e) {
            throw new SwitchException(Reason.BACKEND_FAILURE, "fastpath-switch control socket " + controlSocket
                    + " unreachable: " + e.getMessage(), e);
        }
    }
}
