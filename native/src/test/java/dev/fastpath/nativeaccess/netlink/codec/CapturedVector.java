package dev.fastpath.nativeaccess.netlink.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** One file of src/test/resources/netlink: the ip command, what it sent ("&gt;") and received ("&lt;"). */
record CapturedVector(String name, String command, List<byte[]> sent, List<byte[]> received) {

    static CapturedVector load(String name) {
        try (InputStream in = CapturedVector.class.getResourceAsStream("/netlink/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no captured vector " + name);
            }
            String command = null;
            List<byte[]> sent = new ArrayList<>();
            List<byte[]> received = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# command: ")) {
                    command = line.substring(11);
                } else if (line.startsWith("> ")) {
                    sent.add(HexFormat.of().parseHex(line.substring(2).trim()));
                } else if (line.startsWith("< ")) {
                    received.add(HexFormat.of().parseHex(line.substring(2).trim()));
                }
            }
            return new CapturedVector(name, command, sent, received);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request under test: ip's last sent message, cut to its nlmsg_len (strace dumps the whole send buffer),
     * with nlmsg_seq and nlmsg_pid zeroed (ours are stamped at send time).
     */
    byte[] request() {
        return normalized(sent.get(sent.size() - 1));
    }

    static byte[] normalized(byte[] message) {
        int len = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        byte[] b = Arrays.copyOf(message, len);
        Arrays.fill(b, 8, 16, (byte) 0);
        return b;
    }

    /** All messages of all received datagrams, in order. */
    List<NetlinkMessage> receivedMessages() {
        List<NetlinkMessage> out = new ArrayList<>();
        for (byte[] d : received) {
            out.addAll(NetlinkMessage.split(ByteBuffer.wrap(d)));
        }
        return out;
    }
}
