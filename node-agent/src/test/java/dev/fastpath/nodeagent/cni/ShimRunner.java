package dev.fastpath.nodeagent.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastpath.cniplugin.shim.FastpathShim;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code fastpath} shim as kubelet would: a separate process with only the CNI environment and
 * the config on stdin. Uses the built launcher (cni-plugin/target/cni-bin/fastpath, with its AOT cache)
 * when it exists, else java with the shim's classes.
 */
public final class ShimRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path socket;

    public record Outcome(int exit, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("shim stdout is not JSON: " + stdout + " / stderr: " + stderr, e);
            }
        }

        public int code() {
            return json().path("code").asInt(-1);
        }

        @Override
        public String toString() {
            return "exit " + exit + " stdout " + stdout + " stderr " + stderr;
        }
    }

    public ShimRunner(Path socket) {
        this.socket = socket;
    }

    public static List<String> shimCommand() {
        Path dist = Path.of("../cni-plugin/target/cni-bin/fastpath").toAbsolutePath().normalize();
        if (Files.isExecutable(dist)) return List.of(dist.toString());
        try {
            Path classes = Path.of(FastpathShim.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes.toString(), FastpathShim.class.getName());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Outcome run(String command, String containerId, String netns, String ifname, String cniPath, String config) {
        return run(command, containerId, netns, ifname, cniPath, "K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + containerId, config);
    }

    /** As kubelet calls a plugin; {@code podArgs} are the CNI_ARGS after {@code IgnoreUnknown=1} (pod name, UID). */
    public Outcome run(String command, String containerId, String netns, String ifname, String cniPath, String podArgs, String config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        if (containerId != null) env.put("CNI_CONTAINERID", containerId);
        if (netns != null) env.put("CNI_NETNS", netns);
        if (ifname != null) env.put("CNI_IFNAME", ifname);
        if (cniPath != null) env.put("CNI_PATH", cniPath);
        env.put("CNI_ARGS", "IgnoreUnknown=1;" + podArgs);
        return run(env, config);
    }

    /** CNI_ARGS of pod {@code name} with UID {@code uid} in namespace default. */
    static String podArgs(String name, String uid) {
        return "K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + name + ";K8S_POD_UID=" + uid;
    }

    public Outcome run(Map<String, String> cniEnv, String config) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(shimCommand()));
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().putAll(cniEnv);
        pb.environment().put(FastpathShim.AGENT_SOCKET_ENV, socket.toString());
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(config.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("shim did not finish");
            }
            return new Outcome(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                f.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
