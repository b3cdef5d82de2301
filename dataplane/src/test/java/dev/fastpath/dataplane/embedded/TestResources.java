package dev.fastpath.dataplane.embedded;

import dev.fastpath.dataplane.testing.TestPmdPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a switch test started (the switch process, testpmd pods) and its temp directory (sockets, port-set file):
 * closed in reverse order of start, so pods go before the switch they hang on, then the directory is removed.
 * Every resource is closed even when an earlier one fails; the first failure is rethrown. Registered as a JUnit
 * extension ({@code @RegisterExtension}), it does that after each test.
 */
final class TestResources implements AutoCloseable, AfterEachCallback {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Path dir;

    /** The test's temp directory, made on first use (short path: vhost-user socket paths are limited to 107 bytes). */
    Path dir() throws IOException {
        if (dir == null) dir = Files.createTempDirectory("fpemb");
        return dir;
    }

    /** Starts fastpath-switch in the test's directory (DPDK file prefix {@code fpemb-<tag>-<pid>}) with extra options. */
    SwitchProcess startSwitch(String tag, String... options) throws Exception {
        SwitchProcess sw = add(new SwitchProcess(dir(), "fpemb-" + tag + "-" + ProcessHandle.current().pid()));
        sw.start(options);
        return sw;
    }

    /**
     * A pod (CPU 1) whose port 0 is the vhost-user server on {@code <dir>/<name>.sock} with MAC {@code mac},
     * forwarding in {@code mode} towards {@code peer}; returns once the socket exists, so the switch can connect.
     */
    TestPmdPod vhostServerPod(String name, String mac, String peer, String mode) throws Exception {
        Path socket = dir().resolve(name + ".sock");
        TestPmdPod pod = add(TestPmdPod.forwarding(name, 1, TestPmdPod.vhostServerVdev(socket, mac), peer, mode));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("pod " + name + " made no socket: " + pod.output());
            Thread.sleep(50);
        }
        return pod;
    }

    <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (first != null) throw first;
    }
}
