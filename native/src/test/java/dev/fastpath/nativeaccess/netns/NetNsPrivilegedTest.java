package dev.fastpath.nativeaccess.netns;

import static org.junit.jupiter.api.Assertions.*;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.testkit.Privileged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named namespaces like {@code ip netns}, and running work inside namespaces without ever leaking one. */
@Privileged
class NetNsPrivilegedTest {
    private ThrowawayNamespaces namespaces;
    private String prefix;

    @BeforeEach
    void prefix() {
        namespaces = new ThrowawayNamespaces("fn");
        prefix = namespaces.prefix();
    }

    @AfterEach
    void cleanup() throws Exception {
        namespaces.close();
    }

    private NetNs create(String suffix) {
        return namespaces.create(suffix);
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void createAndDeleteExactlyLikeIpNetns() throws Exception {
        NetNs ns = create("a");
        String name = prefix + "a";
        assertTrue(sh("ip", "netns", "list").lines().anyMatch(l -> l.split(" ")[0].equals(name)));
        assertTrue(sh("ip", "-n", name, "-o", "link", "show").startsWith("1: lo:"), "a fresh namespace has only lo");
        assertEquals(Long.parseLong(sh("stat", "-L", "-c", "%i", "/var/run/netns/" + name).trim()), ns.inode());
        assertNotEquals(NetNs.currentInode(), ns.inode());
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        assertTrue(mountinfo.lines().anyMatch(l -> l.contains(" /run/netns/" + name + " ") || l.contains(" /var/run/netns/" + name + " ")),
                "bind mount of the namespace on its file");
        assertTrue(mountinfo.lines().anyMatch(l -> (l.contains(" /run/netns ") || l.contains(" /var/run/netns "))
                && l.contains("shared:")), "the netns dir is a shared mount, as ip makes it");
        LinuxException twice = assertThrows(LinuxException.class, () -> NetNs.create(name));
        assertEquals(Errno.EEXIST, twice.errno());
        assertTrue(twice.getMessage().startsWith("netns add " + name + ": EEXIST (File exists)"), twice.getMessage());

        NetNs.delete(name);
        assertFalse(NetNs.exists(name));
        assertFalse(sh("ip", "netns", "list").contains(name));
        LinuxException gone = assertThrows(LinuxException.class, () -> NetNs.delete(name));
        assertEquals("netns del " + name + ": ENOENT (No such file or directory)", gone.getMessage());
    }

    @Test
    void opensNamespacesMadeByIpAndByPid() throws Exception {
        String name = namespaces.deleteLater("ip");
        sh("ip", "netns", "add", name);
        try (NetNs ns = NetNs.named(name); Handle h = Handle.open(ns)) {
            assertEquals(List.of("lo"), h.links().stream().map(Link::name).toList());
        }
        try (NetNs self = NetNs.ofPid(ProcessHandle.current().pid())) {
            assertEquals(Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()
                    .replaceAll("\\D", "")), self.inode());
        }
        LinuxException notNs = assertThrows(LinuxException.class, () -> NetNs.open(Path.of("/etc/hostname")));
        assertEquals(Errno.EINVAL, notNs.errno());
        assertTrue(notNs.getMessage().contains("not a namespace file"), notNs.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetNs.named("../etc"));
    }

    @Test
    void virtualThreadsAreNeverSwitched() throws Exception {
        NetNs ns = create("v");
        long host = NetNs.currentInode();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Long> inside = new ConcurrentLinkedQueue<>();
        Thread v = Thread.ofVirtual().start(() -> {
            try {
                ns.callOnThisThread(() -> 1);
            } catch (IllegalStateException e) {
                refused.incrementAndGet();
            }
            inside.add(ns.call(NetNs::currentInode)); // runs on a dedicated platform thread
            inside.add(NetNs.currentInode()); // and the virtual thread (its carrier) stays where it was
        });
        v.join();
        assertEquals(1, refused.get());
        assertEquals(List.of(ns.inode(), host), List.copyOf(inside));
    }

    @Test
    void workAlwaysRestoresTheThreadEvenWhenItThrows() {
        NetNs ns = create("x");
        long host = NetNs.currentInode();
        assertThrows(IllegalArgumentException.class, () -> ns.callOnThisThread(() -> {
            assertEquals(ns.inode(), NetNs.currentInode());
            throw new IllegalArgumentException("boom");
        }));
        assertEquals(host, NetNs.currentInode());
    }

    /**
     * 8 platform threads x 50 iterations alternating between 3 namespaces (setns on the thread), plus 8 virtual
     * threads doing the same through {@link NetNs#call} and through per-namespace netlink handles: every piece of
     * work sees exactly its namespace (by inode and by a marker link only that namespace has), and every thread
     * is back in the host namespace after each step.
     */
    @Test
    void manyThreadsManyNamespacesNoWorkInTheWrongOne() throws Exception {
        int n = 3;
        List<NetNs> nss = new ArrayList<>();
        List<Handle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NetNs ns = create("m" + i);
            nss.add(ns);
            Handle h = Handle.open(ns);
            handles.add(h);
            h.addVeth(prefix + "k" + i, prefix + "j" + i); // a marker link only namespace i has
        }
        long host = NetNs.currentInode();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger steps = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int tt = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int it = 0; it < 50; it++) {
                    int i = (tt + it) % n;
                    NetNs ns = nss.get(i);
                    try {
                        long seen = ns.callOnThisThread(() -> {
                            Libc.ifNameToIndex(prefix + "k" + i); // ENODEV if we were elsewhere
                            return NetNs.currentInode();
                        });
                        if (seen != ns.inode()) {
                            errors.add("platform thread " + tt + " step " + it + " saw " + seen);
                        }
                        if (NetNs.currentInode() != host) {
                            errors.add("platform thread " + tt + " not restored after step " + it);
                        }
                        steps.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add("platform thread " + tt + " step " + it + ": " + e);
                    }
                }
            }));
            threads.add(Thread.ofVirtual().start(() -> {
                for (int it = 0; it < 50; it++) {
                    int i = (tt + it) % n;
                    try {
                        long seen = nss.get(i).call(() -> {
                            Libc.ifNameToIndex(prefix + "k" + i);
                            return NetNs.currentInode();
                        });
                        if (seen != nss.get(i).inode()) {
                            errors.add("virtual thread " + tt + " step " + it + " saw " + seen);
                        }
                        // sockets keep their namespace: each handle sees only its own marker
                        List<String> linkNames = handles.get(i).links().stream().map(Link::name).toList();
                        for (int other = 0; other < n; other++) {
                            if (linkNames.contains(prefix + "k" + other) != (other == i)) {
                                errors.add("handle " + i + " sees " + linkNames);
                            }
                        }
                        steps.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add("virtual thread " + tt + " step " + it + ": " + e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        handles.forEach(Handle::close);
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(16 * 50, steps.get());
        assertEquals(host, NetNs.currentInode());
    }
}
