package dev.fastpath.nativeaccess.libc;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Supplier;

/**
 * Layer 2: a C-shaped interface over {@link LibcHandles}. Same names and arguments as the C functions, but a failing
 * call throws {@link LinuxException} (operation = function name plus what the caller passes as context) instead of
 * returning -1, with the errno captured at that very call. Calls interrupted by a signal (EINTR) are retried.
 *
 * <p>{@code MemorySegment} appears here on purpose: this layer is for the module's own facades (netlink, netns,
 * ethtool, sysfs); nothing above those facades sees it.
 */
public final class Libc {
    // socket(2) / netlink
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    // open(2)
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_TRUNC = 0x200;
    public static final int O_CLOEXEC = 0x80000;
    // namespaces, mounts
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final long MS_RDONLY = 0x1;
    public static final long MS_BIND = 0x1000;
    public static final long MS_REC = 0x4000;
    public static final long MS_SLAVE = 0x80000;
    public static final long MS_SHARED = 0x100000;
    public static final int MNT_DETACH = 0x2;
    public static final long NSFS_MAGIC = 0x6e736673L;
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    /** {@code ioctl(fd, SIOCETHTOOL, struct ifreq *)}. */
    public static final long SIOCETHTOOL = 0x8946;

    /** sizeof(struct statfs) on x86_64; f_type is the first long. */
    private static final long STATFS_SIZE = 120;
    /** sizeof(struct stat) on x86_64. */
    private static final long STAT_SIZE = 144;

    /** One errno capture segment per thread: allocation-free calls, and no thread can see another's errno. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LibcHandles.CAPTURE_LAYOUT));

    private Libc() {}

    /** One downcall, given the errno capture segment; returns the C result widened to long. */
    @FunctionalInterface
    private interface Downcall {
        long invoke(MemorySegment capture) throws Throwable;
    }

    /**
     * Makes the call once; a negative result becomes a {@link LinuxException} naming {@code op} with the errno
     * captured at that call. {@code op} is only evaluated on failure.
     */
    private static long once(Downcall call, Supplier<String> op) {
        MemorySegment c = CAPTURE.get();
        long result = invoke(call, c);
        if (result < 0) {
            throw new LinuxException(op.get(), errno(c));
        }
        return result;
    }

    /** Like {@link #once}, but a call interrupted by a signal (EINTR) is made again. */
    private static long retryingEintr(Downcall call, Supplier<String> op) {
        MemorySegment c = CAPTURE.get();
        while (true) {
            long result = invoke(call, c);
            if (result >= 0) {
                return result;
            }
            if (errno(c) != Errno.EINTR) {
                throw new LinuxException(op.get(), errno(c));
            }
        }
    }

    private static long invoke(Downcall call, MemorySegment capture) {
        try {
            return call.invoke(capture);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t); // invokeExact declares Throwable
        }
    }

    private static int errno(MemorySegment capture) {
        return (int) LibcHandles.ERRNO_HANDLE.get(capture, 0L);
    }

    // ---------------------------------------------------------------- sockets

    public static int socket(int domain, int type, int protocol) {
        return (int) once(c -> (int) LibcHandles.SOCKET.invokeExact(c, domain, type, protocol),
                () -> "socket(" + domain + ", " + type + ", " + protocol + ")");
    }

    /** close(2); EINTR is not retried and not an error (Linux releases the fd anyway). */
    public static void close(int fd) {
        MemorySegment c = CAPTURE.get();
        if (invoke(cap -> (int) LibcHandles.CLOSE.invokeExact(cap, fd), c) < 0 && errno(c) != Errno.EINTR) {
            throw new LinuxException("close(" + fd + ")", errno(c));
        }
    }

    public static void bind(int fd, MemorySegment addr, int addrLen) {
        once(c -> (int) LibcHandles.BIND.invokeExact(c, fd, addr, addrLen), () -> "bind");
    }

    /** getsockname(2); {@code addrLen} is an in/out int. */
    public static void getsockname(int fd, MemorySegment addr, MemorySegment addrLen) {
        once(c -> (int) LibcHandles.GETSOCKNAME.invokeExact(c, fd, addr, addrLen), () -> "getsockname");
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value, int valueLen) {
        once(c -> (int) LibcHandles.SETSOCKOPT.invokeExact(c, fd, level, name, value, valueLen),
                () -> "setsockopt(level " + level + ", option " + name + ")");
    }

    /** setsockopt with an int value, the common case. */
    public static void setsockoptInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            setsockopt(fd, level, name, v, 4);
        }
    }

    /** sendto(2); returns bytes sent. {@code addr} may be {@link MemorySegment#NULL}. */
    public static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        return retryingEintr(c -> (long) LibcHandles.SENDTO.invokeExact(c, fd, buf, len, flags, addr, addrLen),
                () -> "sendto");
    }

    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        return retryingEintr(c -> (long) LibcHandles.SENDMSG.invokeExact(c, fd, msghdr, flags), () -> "sendmsg");
    }

    /**
     * recvfrom(2); returns the byte count. With {@code MSG_PEEK | MSG_TRUNC} and a zero-length buffer it returns the
     * size of the next datagram without consuming it (how netlink replies are sized).
     */
    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr,
            MemorySegment addrLen) {
        return retryingEintr(c -> (long) LibcHandles.RECVFROM.invokeExact(c, fd, buf, len, flags, addr, addrLen),
                () -> "recvfrom");
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        return retryingEintr(c -> (long) LibcHandles.RECVMSG.invokeExact(c, fd, msghdr, flags), () -> "recvmsg");
    }

    // ---------------------------------------------------------------- ioctl, files

    /**
     * ioctl(2) with a pointer argument (e.g. {@code struct ifreq *} for SIOCETHTOOL). {@code context} names the
     * request for the error, e.g. {@code "SIOCETHTOOL ETHTOOL_GDRVINFO eth0"}. Returns the (non-negative) result.
     */
    public static int ioctl(int fd, long request, MemorySegment arg, String context) {
        return (int) retryingEintr(c -> (int) LibcHandles.IOCTL.invokeExact(c, fd, request, arg),
                () -> context == null || context.isEmpty() ? "ioctl" : "ioctl " + context);
    }

    public static int ioctl(int fd, long request, MemorySegment arg) {
        return ioctl(fd, request, arg, "0x" + Long.toHexString(request));
    }

    /** open(2); returns the fd. Use {@link #O_CLOEXEC}. */
    public static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return (int) retryingEintr(c -> (int) LibcHandles.OPEN.invokeExact(c, p, flags, mode), () -> "open " + path);
        }
    }

    public static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    public static long read(int fd, MemorySegment buf, long len) {
        return retryingEintr(c -> (long) LibcHandles.READ.invokeExact(c, fd, buf, len), () -> "read");
    }

    public static long write(int fd, MemorySegment buf, long len) {
        return retryingEintr(c -> (long) LibcHandles.WRITE.invokeExact(c, fd, buf, len), () -> "write");
    }

    /** fstatfs(2) reduced to what we need: the filesystem magic ({@code f_type}). */
    public static long fstatfsType(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STATFS_SIZE, 8);
            once(c -> (int) LibcHandles.FSTATFS.invokeExact(c, fd, buf), () -> "fstatfs(" + fd + ")");
            return buf.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** fstat(2) reduced to the inode number ({@code st_ino}, offset 8 of struct stat on x86_64). */
    public static long fstatInode(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STAT_SIZE, 8);
            once(c -> (int) LibcHandles.FSTAT.invokeExact(c, fd, buf), () -> "fstat(" + fd + ")");
            return buf.get(ValueLayout.JAVA_LONG, 8);
        }
    }

    /** if_nametoindex(3) in the calling thread's netns; throws ENODEV when the name is unknown. */
    public static int ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            // 0 (not -1) means failure here: map it to -1 for once()
            return (int) once(c -> {
                int index = (int) LibcHandles.IF_NAMETOINDEX.invokeExact(c, n);
                return index == 0 ? -1 : index;
            }, () -> "if_nametoindex " + name);
        }
    }

    // ---------------------------------------------------------------- namespaces, mounts

    /** setns(2): moves the CALLING THREAD into the namespace behind {@code fd}. */
    public static void setns(int fd, int nstype) {
        once(c -> (int) LibcHandles.SETNS.invokeExact(c, fd, nstype), () -> "setns(" + fd + ")");
    }

    /** unshare(2): for CLONE_NEWNET, moves the CALLING THREAD into a new network namespace. */
    public static void unshare(int flags) {
        once(c -> (int) LibcHandles.UNSHARE.invokeExact(c, flags), () -> "unshare(0x" + Integer.toHexString(flags) + ")");
    }

    /** mount(2); null strings become NULL pointers. */
    public static void mount(String source, String target, String fsType, long flags, String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = str(arena, source);
            MemorySegment tgt = str(arena, target);
            MemorySegment type = str(arena, fsType);
            MemorySegment dat = str(arena, data);
            once(c -> (int) LibcHandles.MOUNT.invokeExact(c, src, tgt, type, flags, dat),
                    () -> "mount " + (source == null ? "none" : source) + " on " + target + " (flags 0x"
                            + Long.toHexString(flags) + ")");
        }
    }

    public static void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(target);
            once(c -> (int) LibcHandles.UMOUNT2.invokeExact(c, t, flags), () -> "umount2 " + target);
        }
    }

    public static int getpid() {
        return (int) invoke(c -> (int) LibcHandles.GETPID.invokeExact(), null);
    }

    /** The kernel thread id of the calling (platform or carrier) thread. */
    public static int gettid() {
        return (int) invoke(c -> (int) LibcHandles.GETTID.invokeExact(), null);
    }

    private static MemorySegment str(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
