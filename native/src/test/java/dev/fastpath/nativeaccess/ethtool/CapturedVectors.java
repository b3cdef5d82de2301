package dev.fastpath.nativeaccess.ethtool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ethtool/vectors.txt}: what ethtool 6.1 put behind {@code ifr_data} (and what the kernel answered) for
 * each command line, recorded by {@code ethtool/capture/ethtool_ioctl_dump.c} (see {@code capture.sh}).
 */
final class CapturedVectors {
    /** One SIOCETHTOOL call: {@code req} = sent, {@code rsp} = after the kernel (or the shim) answered. */
    record Call(String direction, int cmd, int rc, int errno, byte[] bytes) {}

    private final Map<String, List<Call>> blocks = new LinkedHashMap<>();

    static CapturedVectors load() {
        try (InputStream in = CapturedVectors.class.getResourceAsStream("/ethtool/vectors.txt")) {
            if (in == null) {
                throw new IllegalStateException("test resource /ethtool/vectors.txt missing");
            }
            return new CapturedVectors(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CapturedVectors(String text) {
        List<Call> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                current = new ArrayList<>();
                blocks.put(line.substring(3), current);
            } else if (line.startsWith("req ") || line.startsWith("rsp ")) {
                String[] f = line.split(" ");
                int rc = 0;
                int errno = 0;
                for (String field : f) {
                    if (field.startsWith("rc=")) {
                        rc = Integer.parseInt(field.substring(3));
                    } else if (field.startsWith("errno=")) {
                        errno = Integer.parseInt(field.substring(6));
                    }
                }
                current.add(new Call(f[0], Integer.decode(f[1]), rc, errno, HexFormat.of().parseHex(f[f.length - 1])));
            }
        }
    }

    /** The calls of one command line, e.g. {@code -N fpcap0 flow-type udp4 dst-port 4789 action 3 loc 5}. */
    List<Call> calls(String commandLine) {
        List<Call> calls = blocks.get(commandLine);
        if (calls == null) {
            throw new IllegalArgumentException("no captured block '## " + commandLine + "' in vectors.txt");
        }
        return calls;
    }

    /** The single request with ethtool command {@code cmd} of that command line. */
    Call request(String commandLine, int cmd) {
        return only(commandLine, "req", cmd);
    }

    Call answer(String commandLine, int cmd) {
        return only(commandLine, "rsp", cmd);
    }

    private Call only(String commandLine, String direction, int cmd) {
        List<Call> matching = calls(commandLine).stream()
                .filter(c -> c.direction().equals(direction) && c.cmd() == cmd).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no " + direction + " " + EthtoolCodec.commandName(cmd) + " in '"
                    + commandLine + "'");
        }
        return matching.getFirst();
    }
}
