package dev.fastpath.dataplane.ovs.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JSON-RPC 1.0 client for the OVSDB management protocol (RFC 7047) over a unix socket such as
 * {@code /var/run/openvswitch/db.sock}.
 *
 * <p>Messages are bare JSON objects back to back on the stream (no framing), so one reader thread parses
 * them in sequence: responses complete the caller waiting on their {@code id}; the server's {@code echo}
 * requests (its liveness probe, which closes the session when unanswered) are answered at once; {@code update}
 * notifications go to the callback of their monitor. Callers block on their own response only.
 */
public final class OvsdbClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OvsdbClient.class.getName());

    private final Path socket;
    private final SocketChannel channel;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> monitors = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Thread reader;
    private final AtomicLong echoesAnswered = new AtomicLong();
    private volatile String closedBecause;

    private OvsdbClient(Path socket, SocketChannel channel, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.timeout = timeout;
        this.reader = Thread.ofPlatform().daemon().name("ovsdb-reader " + socket).unstarted(this::readLoop);
    }

    /** Connects to the server's unix socket; every request then waits at most {@code timeout} for its answer. */
    public static OvsdbClient connect(Path socket, Duration timeout) {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            OvsdbClient client = new OvsdbClient(socket, channel, timeout);
            client.reader.start();
            return client;
        } catch (IOException e) {
            throw new OvsdbException("cannot connect to ovsdb-server at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Names of the databases the server holds ({@code list_dbs}). */
    public List<String> listDbs() {
        JsonNode result = call("list_dbs", Json.array());
        return java.util.stream.StreamSupport.stream(result.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The schema of a database ({@code get_schema}). */
    public JsonNode schema(String db) {
        return call("get_schema", Json.array(db));
    }

    /**
     * Runs operations as one atomic transaction and returns one result per operation. When an operation (or
     * the commit) fails the server has rolled everything back, and the exception carries its error and
     * details, naming the failing operation.
     */
    public List<JsonNode> transact(String db, List<ObjectNode> operations) {
        ArrayNode params = Json.array(db);
        operations.forEach(params::add);
        JsonNode results = call("transact", params);
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            if (result != null && result.hasNonNull("error")) {
                String where = i < operations.size()
                        ? "operation " + i + " (" + Op.describe(operations.get(i)) + ")"
                        : "commit";
                throw new OvsdbException("OVSDB transaction on " + db + " failed at " + where,
                        result.get("error").asText(), result.path("details").asText(null));
            }
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        results.forEach(out::add);
        return out;
    }

    /**
     * Starts a monitor ({@code monitor}): returns the initial contents and feeds every later change
     * ({@code update} notification, {@code {table: {uuid: {old, new}}}}) to {@code onUpdate}, on the reader
     * thread (keep it short).
     */
    public JsonNode monitor(String db, String monitorId, ObjectNode requests, Consumer<JsonNode> onUpdate) {
        monitors.put(monitorId, onUpdate);
        try {
            return call("monitor", Json.array(db, monitorId, requests));
        } catch (RuntimeException e) {
            monitors.remove(monitorId);
            throw e;
        }
    }

    public void monitorCancel(String monitorId) {
        call("monitor_cancel", Json.array(monitorId));
        monitors.remove(monitorId);
    }

    /** Sends our own echo, the cheapest round trip: proves the server is alive. */
    public void echo() {
        call("echo", Json.array("fastpath"));
    }

    /** Echo requests from the server this client answered; visible for the framing tests. */
    public long echoesAnswered() {
        return echoesAnswered.get();
    }

    public boolean isConnected() {
        return closedBecause == null && channel.isOpen();
    }

    /** Sends one request and waits for its response; JSON-RPC errors become {@link OvsdbException}. */
    public JsonNode call(String method, ArrayNode params) {
        if (closedBecause != null) throw new OvsdbException("OVSDB connection to " + socket + " is closed: " + closedBecause, null, null);
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        ObjectNode request = Json.object();
        request.put("method", method);
        request.set("params", params);
        request.put("id", id);
        try {
            send(request);
            JsonNode reply = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = reply.get("error");
            if (error != null && !error.isNull()) {
                String text = error.isObject() ? error.path("error").asText(error.toString()) : error.asText(error.toString());
                String details = error.isObject() ? error.path("details").asText(null) : null;
                throw new OvsdbException("OVSDB " + method + " refused by " + socket, text, details);
            }
            return reply.path("result");
        } catch (TimeoutException e) {
            throw new OvsdbException("OVSDB " + method + " got no answer from " + socket + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbException("interrupted waiting for OVSDB " + method, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OvsdbException o ? o : new OvsdbException("OVSDB " + method + " failed", e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        fail("closed by client");
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(JsonNode message) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(message);
            synchronized (writeLock) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
            }
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
            throw new OvsdbException("cannot write to ovsdb-server at " + socket + ": " + e.getMessage(), e);
        }
    }

    private void readLoop() {
        try (InputStream in = Channels.newInputStream(channel);
             MappingIterator<JsonNode> messages = Json.MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                dispatch(messages.nextValue());
            }
            fail("ovsdb-server closed the connection");
        } catch (IOException | RuntimeException e) {
            fail(closedBecause != null ? closedBecause : "read failed: " + e.getMessage());
        }
    }

    private void dispatch(JsonNode message) {
        JsonNode method = message.get("method");
        if (method != null && !method.isNull()) {
            switch (method.asText()) {
                case "echo" -> {
                    ObjectNode reply = Json.object();
                    reply.set("result", message.path("params"));
                    reply.putNull("error");
                    reply.set("id", message.get("id"));
                    send(reply);
                    echoesAnswered.incrementAndGet();
                }
                case "update" -> {
                    JsonNode params = message.path("params");
                    Consumer<JsonNode> callback = monitors.get(params.path(0).asText());
                    if (callback != null) {
                        try {
                            callback.accept(params.path(1));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "OVSDB monitor callback failed", e);
                        }
                    }
                }
                default -> {
                    // Requests we do not serve get a JSON-RPC error so the server is never left waiting.
                    if (message.hasNonNull("id")) {
                        ObjectNode reply = Json.object();
                        reply.putNull("result");
                        reply.put("error", "unknown method " + method.asText());
                        reply.set("id", message.get("id"));
                        send(reply);
                    }
                }
            }
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && id.canConvertToLong()) {
            CompletableFuture<JsonNode> waiter = pending.get(id.asLong());
            if (waiter != null) waiter.complete(message);
        }
    }

    private void fail(String why) {
        if (closedBecause == null) closedBecause = why;
        OvsdbException failure = new OvsdbException("OVSDB connection to " + socket + " lost: " + why, null, null);
        pending.values().forEach(f -> f.completeExceptionally(failure));
    }
}
