package dev.fastpath.nativeaccess.netns;

import static org.junit.jupiter.api.Assertions.*;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What works without root: opening the own namespace, refusing virtual threads, rejecting bad input. */
class NetNsTest {

    @Test
    void currentNamespaceOpensAndMatchesTheThreadInode() {
        try (NetNs ns = NetNs.current()) {
            assertEquals(NetNs.currentInode(), ns.inode());
            assertEquals(NetNs.currentInode(), (long) ns.call(NetNs::currentInode), "a worker in the same ns");
        }
    }

    @Test
    void virtualThreadsAreRefusedBeforeAnySetns() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (NetNs ns = NetNs.current()) {
            Thread.ofVirtual().start(() -> {
                try {
                    ns.callOnThisThread(() -> 1);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }).join();
        }
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertTrue(thrown.get().getMessage().startsWith("refusing setns on virtual thread"), thrown.get().getMessage());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> NetNs.named("a/b"));
        assertThrows(IllegalArgumentException.class, () -> NetNs.create(".."));
        assertThrows(IllegalArgumentException.class, () -> NetNs.delete(""));
        LinuxException missing = assertThrows(LinuxException.class, () -> NetNs.open(Path.of("/nonexistent/ns")));
        assertEquals(Errno.ENOENT, missing.errno());
        LinuxException notNs = assertThrows(LinuxException.class, () -> NetNs.open(Path.of("/etc/passwd")));
        assertEquals(Errno.EINVAL, notNs.errno());
        NetNs closed = NetNs.current();
        closed.close();
        assertThrows(IllegalStateException.class, closed::fd);
    }
}
