package dev.fastpath.cniplugin.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    @Test
    void requestRoundTripKeepsEnvAndStdinBytes() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", "ADD");
        env.put("CNI_ARGS", "K8S_POD_NAME=ä;IgnoreUnknown=1");
        byte[] stdin = "{\"cniVersion\":\"1.1.0\"}\u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AgentProtocol.writeRequest(wire, new AgentRequest(env, stdin));

        AgentRequest back = AgentProtocol.readRequest(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(env, back.env());
        assertArrayEquals(stdin, back.stdin());
    }

    @Test
    void requestLayoutIsTheDocumentedOne() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AgentProtocol.writeRequest(wire, new AgentRequest(Map.of("A", "bc"), new byte[] {'{', '}'}));
        byte[] expected = {'F', 'P', 'C', 'N', 1, 'Q', 0, 1, 0, 1, 'A', 0, 0, 0, 2, 'b', 'c', 0, 0, 0, 2, '{', '}'};
        assertArrayEquals(expected, wire.toByteArray());
    }

    @Test
    void responseRoundTrip() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AgentProtocol.writeResponse(wire, new AgentResponse(7, "out".getBytes(), "err".getBytes()));
        byte[] expected = {'F', 'P', 'C', 'N', 1, 'R', 0, 0, 0, 7, 0, 0, 0, 3, 'o', 'u', 't', 0, 0, 0, 3, 'e', 'r', 'r'};
        assertArrayEquals(expected, wire.toByteArray());
        AgentResponse back = AgentProtocol.readResponse(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(7, back.exitCode());
        assertEquals("out", back.stdoutText());
        assertArrayEquals("err".getBytes(), back.stderr());
    }

    @Test
    void foreignVersionIsNamed() {
        byte[] frame = {'F', 'P', 'C', 'N', 9, 'Q', 0, 0, 0, 0, 0, 0};
        ProtocolException e = assertThrows(ProtocolException.class, () -> AgentProtocol.readRequest(new ByteArrayInputStream(frame)));
        assertEquals(9, e.peerVersion());
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void badMagicWrongKindTruncationAndHugeLengthsAreRejected() throws IOException {
        assertThrows(ProtocolException.class, () -> AgentProtocol.readRequest(new ByteArrayInputStream("GET / HTTP/1.1\r\n".getBytes())));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AgentProtocol.writeResponse(wire, AgentResponse.of(0, "{}"));
        ProtocolException kind = assertThrows(ProtocolException.class, () -> AgentProtocol.readRequest(new ByteArrayInputStream(wire.toByteArray())));
        assertTrue(kind.getMessage().contains("kind"), kind.getMessage());

        ByteArrayOutputStream req = new ByteArrayOutputStream();
        AgentProtocol.writeRequest(req, new AgentRequest(Map.of(), "{\"a\":1}".getBytes()));
        byte[] truncated = Arrays.copyOf(req.toByteArray(), req.size() - 3);
        ProtocolException cut = assertThrows(ProtocolException.class, () -> AgentProtocol.readRequest(new ByteArrayInputStream(truncated)));
        assertTrue(cut.getMessage().contains("stdin"), cut.getMessage());

        byte[] huge = {'F', 'P', 'C', 'N', 1, 'Q', 0, 0, 0x7f, 0, 0, 0};
        ProtocolException big = assertThrows(ProtocolException.class, () -> AgentProtocol.readRequest(new ByteArrayInputStream(huge)));
        assertTrue(big.getMessage().contains("limit"), big.getMessage());
    }
}
