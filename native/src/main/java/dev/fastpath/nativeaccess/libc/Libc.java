package dev.fastpath.nativeaccess.libc;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

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

    private static MemorySegment capture() {
        return CAPTURE.get();
    }

    private static int errno(MemorySegment capture) {
        return (int) LibcHandles.ERRNO_HANDLE.get(capture, 0L);
    }

    private static LinuxException fail(String op, MemorySegment capture) {
        return new LinuxException(op, errno(capture));
    }

    private static String op(String function, String context) {
        return context == null || context.isEmpty() ? function : function + " " + context;
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    // ---------------------------------------------------------------- sockets

    public static int socket(int domain, int type, int protocol) {
        MemorySegment c = capture();
        try {
            int fd = (int) LibcHandles.SOCKET.invokeExact(c, domain, type, protocol);
            if (fd < 0) {
                throw fail("socket(" + domain + ", " + type + ", " + protocol + ")", c);
            }
            return fd;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** close(2); EINTR is not retried (Linux releases the fd anyway). */
    public static void close(int fd) {
        MemorySegment c = capture();
        try {
            int rc = (int) LibcHandles.CLOSE.invokeExact(c, fd);
            if (rc < 0 && errno(c) != Errno.EINTR) {
                throw fail("close(" + fd + ")", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void bind(int fd, MemorySegment addr, int addrLen) {
        MemorySegment c = capture();
        try {
            if ((int) LibcHandles.BIND.invokeExact(c, fd, addr, addrLen) < 0) {
                throw fail("bind", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** getsockname(2); {@code addrLen} is an in/out int. */
    public static void getsockname(int fd, MemorySegment addr, MemorySegment addrLen) {
        MemorySegment c = capture();
        try {
            if ((int) LibcHandles.GETSOCKNAME.invokeExact(c, fd, addr, addrLen) < 0) {
                throw fail("getsockname", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value, int valueLen) {
        MemorySegment c = capture();
        try {
            if ((int) LibcHandles.SETSOCKOPT.invokeExact(c, fd, level, name, value, valueLen) < 0) {
                throw fail("setsockopt(level " + level + ", option " + name + ")", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
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
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.SENDTO.invokeExact(c, fd, buf, len, flags, addr, addrLen);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("sendto", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.SENDMSG.invokeExact(c, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("sendmsg", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * recvfrom(2); returns the byte count. With {@code MSG_PEEK | MSG_TRUNC} and a zero-length buffer it returns the
     * size of the next datagram without consuming it (how netlink replies are sized).
     */
    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr,
            MemorySegment addrLen) {
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.RECVFROM.invokeExact(c, fd, buf, len, flags, addr, addrLen);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("recvfrom", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.RECVMSG.invokeExact(c, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("recvmsg", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---------------------------------------------------------------- ioctl, files

    /**
     * ioctl(2) with a pointer argument (e.g. {@code struct ifreq *} for SIOCETHTOOL). {@code context} names the
     * request for the error, e.g. {@code "SIOCETHTOOL ETHTOOL_GDRVINFO eth0"}. Returns the (non-negative) result.
     */
    public static int ioctl(int fd, long request, MemorySegment arg, String context) {
        MemorySegment c = capture();
        try {
            while (true) {
                int rc = (int) LibcHandles.IOCTL.invokeExact(c, fd, request, arg);
                if (rc >= 0) {
                    return rc;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail(op("ioctl", context), c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ioctl(int fd, long request, MemorySegment arg) {
        return ioctl(fd, request, arg, "0x" + Long.toHexString(request));
    }

    /** open(2); returns the fd. Use {@link #O_CLOEXEC}. */
    public static int open(String path, int flags, int mode) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            while (true) {
                int fd = (int) LibcHandles.OPEN.invokeExact(c, p, flags, mode);
                if (fd >= 0) {
                    return fd;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("open " + path, c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    public static long read(int fd, MemorySegment buf, long len) {
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.READ.invokeExact(c, fd, buf, len);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("read", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long write(int fd, MemorySegment buf, long len) {
        MemorySegment c = capture();
        try {
            while (true) {
                long n = (long) LibcHandles.WRITE.invokeExact(c, fd, buf, len);
                if (n >= 0) {
                    return n;
                }
                if (errno(c) != Errno.EINTR) {
                    throw fail("write", c);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** fstatfs(2) reduced to what we need: the filesystem magic ({@code f_type}). */
    public static long fstatfsType(int fd) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STATFS_SIZE, 8);
            if ((int) LibcHandles.FSTATFS.invokeExact(c, fd, buf) < 0) {
                throw fail("fstatfs(" + fd + ")", c);
            }
            return buf.get(ValueLayout.JAVA_LONG, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** fstat(2) reduced to the inode number ({@code st_ino}, offset 8 of struct stat on x86_64). */
    public static long fstatInode(int fd) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STAT_SIZE, 8);
            if ((int) LibcHandles.FSTAT.invokeExact(c, fd, buf) < 0) {
                throw fail("fstat(" + fd + ")", c);
            }
            return buf.get(ValueLayout.JAVA_LONG, 8);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** if_nametoindex(3) in the calling thread's netns; throws ENODEV when the name is unknown. */
    public static int ifNameToIndex(String name) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            int index = (int) LibcHandles.IF_NAMETOINDEX.invokeExact(c, arena.allocateFrom(name));
            if (index == 0) {
                throw fail("if_nametoindex " + name, c);
            }
            return index;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---------------------------------------------------------------- namespaces, mounts

    /** setns(2): moves the CALLING THREAD into the namespace behind {@code fd}. */
    public static void setns(int fd, int nstype) {
        MemorySegment c = capture();
        try {
            if ((int) LibcHandles.SETNS.invokeExact(c, fd, nstype) < 0) {
                throw fail("setns(" + fd + ")", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** unshare(2): for CLONE_NEWNET, moves the CALLING THREAD into a new network namespace. */
    public static void unshare(int flags) {
        MemorySegment c = capture();
        try {
            if ((int) LibcHandles.UNSHARE.invokeExact(c, flags) < 0) {
                throw fail("unshare(0x" + Integer.toHexString(flags) + ")", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** mount(2); null strings become NULL pointers. */
    public static void mount(String source, String target, String fsType, long flags, String data) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) LibcHandles.MOUNT.invokeExact(c, str(arena, source), str(arena, target),
                    str(arena, fsType), flags, str(arena, data));
            if (rc < 0) {
                throw fail("mount " + (source == null ? "none" : source) + " on " + target + " (flags 0x"
                        + Long.toHexString(flags) + ")", c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void umount2(String target, int flags) {
        MemorySegment c = capture();
        try (Arena arena = Arena.ofConfined()) {
            if ((int) LibcHandles.UMOUNT2.invokeExact(c, arena.allocateFrom(target), flags) < 0) {
                throw fail("umount2 " + target, c);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int getpid() {
        try {
            return (int) LibcHandles.GETPID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The kernel thread id of the calling (platform or carrier) thread. */
    public static int gettid() {
        try {
            return (int) LibcHandles.GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static MemorySegment str(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
