package dev.fastpath.nativeaccess.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibcTest {

    @Test
    void errnoIsCapturedAndNamedPerCall() {
        LinuxException e = assertThrows(LinuxException.class,
                () -> Libc.open("/nonexistent/fastpath-libc-test", Libc.O_RDONLY | Libc.O_CLOEXEC));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("open /nonexistent/fastpath-libc-test: ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void variadicIoctlOnNonSocketReportsEnotty() throws Exception {
        Path f = Files.createTempFile("libc", ".txt");
        int fd = Libc.open(f.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(40, 8);
            LinuxException e = assertThrows(LinuxException.class,
                    () -> Libc.ioctl(fd, Libc.SIOCETHTOOL, ifreq, "SIOCETHTOOL test"));
            assertEquals(Errno.ENOTTY, e.errno());
            assertTrue(e.getMessage().startsWith("ioctl SIOCETHTOOL test: ENOTTY"), e.getMessage());
        } finally {
            Libc.close(fd);
            Files.delete(f);
        }
    }

    @Test
    void threadIdsAndNsfsMagic() {
        assertEquals(ProcessHandle.current().pid(), Libc.getpid());
        assertTrue(Libc.gettid() > 0);
        int fd = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            assertEquals(Libc.NSFS_MAGIC, Libc.fstatfsType(fd));
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void netlinkSocketBindsAndGetsAPortId() {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(12, 4);
            sa.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            Libc.bind(fd, sa, 12);
            MemorySegment len = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, 12);
            Libc.getsockname(fd, sa, len);
            assertTrue(sa.get(java.lang.foreign.ValueLayout.JAVA_INT, 4) != 0, "kernel assigns a port id");
        } finally {
            Libc.close(fd);
        }
    }
}
