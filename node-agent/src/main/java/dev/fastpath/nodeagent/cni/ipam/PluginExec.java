package dev.fastpath.nodeagent.cni.ipam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CNI plugin binary the way a runtime does (CNI SPEC "Execution protocol"): the given environment
 * only, the config on stdin, result or error JSON from stdout, exit code non-zero on error.
 */
final class PluginExec {
    static final long TIMEOUT_SECONDS = 60;

    record Outcome(int exitCode, String stdout, String stderr) {}

    private PluginExec() {}

    static Outcome run(Path plugin, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(plugin.toString());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + plugin, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // a plugin may exit without reading stdin (VERSION); its output still tells what happened
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(plugin + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + plugin, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        });
        return result;
    }
}
