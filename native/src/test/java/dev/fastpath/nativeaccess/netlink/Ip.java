package dev.fastpath.nativeaccess.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** iproute2 as the independent witness: runs {@code ip -n NS -j ...} and parses its JSON. */
final class Ip {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ip() {}

    static JsonNode json(String netns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", netns, "-j"));
        cmd.addAll(List.of(args));
        String out = run(cmd);
        try {
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError("ip printed unparsable JSON for " + cmd + ": " + out, e);
        }
    }

    /** {@code ip -n NS -j -d link show dev NAME} → the one object. */
    static JsonNode link(String netns, String dev) {
        JsonNode arr = json(netns, "-d", "link", "show", "dev", dev);
        if (arr.size() != 1) {
            throw new AssertionError("ip -n " + netns + " link show dev " + dev + " gave " + arr);
        }
        return arr.get(0);
    }

    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + rc + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        }
    }

    static void run(String... cmd) {
        run(List.of(cmd));
    }
}
