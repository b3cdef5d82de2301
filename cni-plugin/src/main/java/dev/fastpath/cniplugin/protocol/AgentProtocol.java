package dev.fastpath.cniplugin.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framed binary protocol between the {@code fastpath} shim and the node agent over a unix socket
 * (cni-plugin/README.md documents it byte by byte). One request and one response per connection, all
 * integers big-endian, all strings UTF-8 with a length prefix. The codec is JDK-only on purpose: the shim
 * loads it on every CNI call and must start fast.
 *
 * <pre>
 * request : "FPCN" u8 version=1 u8 'Q' u16 envCount { u16 nameLen name u32 valueLen value }* u32 stdinLen stdin
 * response: "FPCN" u8 version=1 u8 'R' i32 exitCode u32 stdoutLen stdout u32 stderrLen stderr
 * </pre>
 */
public final class AgentProtocol {
    public static final int VERSION = 1;
    static final byte[] MAGIC = {'F', 'P', 'C', 'N'};
    static final byte KIND_REQUEST = 'Q';
    static final byte KIND_RESPONSE = 'R';

    /** Limits that keep a confused or hostile peer from making the other side allocate without bound. */
    public static final int MAX_ENV_ENTRIES = 256;
    public static final int MAX_ENV_NAME_BYTES = 1024;
    public static final int MAX_ENV_VALUE_BYTES = 64 * 1024;
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private AgentProtocol() {}

    public static void writeRequest(OutputStream sink, AgentRequest request) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        writeHeader(out, KIND_REQUEST);
        if (request.env().size() > MAX_ENV_ENTRIES) {
            throw new ProtocolException("request has " + request.env().size() + " environment entries, limit " + MAX_ENV_ENTRIES);
        }
        out.writeShort(request.env().size());
        for (Map.Entry<String, String> e : request.env().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            checkLength("environment name " + e.getKey(), name.length, MAX_ENV_NAME_BYTES);
            checkLength("environment value of " + e.getKey(), value.length, MAX_ENV_VALUE_BYTES);
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(value.length);
            out.write(value);
        }
        writeBytes(out, "stdin", request.stdin());
        out.flush();
    }

    public static AgentRequest readRequest(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        readHeader(in, KIND_REQUEST);
        int count = in.readUnsignedShort();
        checkLength("environment entry count", count, MAX_ENV_ENTRIES);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = new String(readExactly(in, in.readUnsignedShort(), MAX_ENV_NAME_BYTES, "environment name"), StandardCharsets.UTF_8);
            String value = new String(readExactly(in, in.readInt(), MAX_ENV_VALUE_BYTES, "environment value of " + name), StandardCharsets.UTF_8);
            env.put(name, value);
        }
        byte[] stdin = readExactly(in, in.readInt(), MAX_BODY_BYTES, "stdin");
        return new AgentRequest(env, stdin);
    }

    public static void writeResponse(OutputStream sink, AgentResponse response) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        writeHeader(out, KIND_RESPONSE);
        out.writeInt(response.exitCode());
        writeBytes(out, "stdout", response.stdout());
        writeBytes(out, "stderr", response.stderr());
        out.flush();
    }

    public static AgentResponse readResponse(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        readHeader(in, KIND_RESPONSE);
        int exitCode = in.readInt();
        byte[] stdout = readExactly(in, in.readInt(), MAX_BODY_BYTES, "stdout");
        byte[] stderr = readExactly(in, in.readInt(), MAX_BODY_BYTES, "stderr");
        return new AgentResponse(exitCode, stdout, stderr);
    }

    private static void writeHeader(DataOutputStream out, byte kind) throws IOException {
        out.write(MAGIC);
        out.writeByte(VERSION);
        out.writeByte(kind);
    }

    private static void readHeader(DataInputStream in, byte expectedKind) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw new ProtocolException("not a fastpath CNI frame (bad magic)");
        }
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new ProtocolException("protocol version " + version + " is not supported (this side speaks " + VERSION + ")", version);
        }
        int kind = in.readUnsignedByte();
        if (kind != expectedKind) {
            throw new ProtocolException("expected frame kind '" + (char) expectedKind + "' but got '" + (char) kind + "'");
        }
    }

    private static void writeBytes(DataOutputStream out, String what, byte[] bytes) throws IOException {
        checkLength(what, bytes.length, MAX_BODY_BYTES);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readExactly(DataInputStream in, int length, int limit, String what) throws IOException {
        checkLength(what, length, limit);
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new ProtocolException("frame ends inside " + what + " (" + length + " bytes announced)");
        }
        return bytes;
    }

    private static void checkLength(String what, int length, int limit) throws ProtocolException {
        if (length < 0 || length > limit) {
            throw new ProtocolException(what + " has length " + Integer.toUnsignedString(length) + ", limit " + limit);
        }
    }
}
