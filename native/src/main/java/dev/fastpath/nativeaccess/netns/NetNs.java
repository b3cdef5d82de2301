package dev.fastpath.nativeaccess.netns;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An open network namespace (a file descriptor on its nsfs inode) plus the ways to use it from Java.
 *
 * <p>{@code setns} moves only the calling OS thread. A virtual thread would carry that namespace onto whichever
 * carrier it is mounted on next, so this class never switches a virtual thread: {@link #call} runs the work on a
 * fresh dedicated platform thread (callable from any thread), {@link #callOnThisThread} refuses virtual threads.
 * Both restore the thread's original namespace afterwards. Prefer opening sockets inside a namespace and using them
 * from anywhere: a socket keeps the namespace it was created in (that is what {@code netlink.Handle} does).
 */
public final class NetNs implements AutoCloseable {
    /** Where {@code ip netns} keeps named namespaces. */
    public static final Path RUN_DIR = Path.of("/var/run/netns");
    private static final Cleaner CLEANER = Cleaner.create();

    private record Fd(int fd) implements Runnable {
        @Override
        public void run() {
            Libc.close(fd);
        }
    }

    private final int fd;
    private final String path;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    private NetNs(int fd, String path) {
        this.fd = fd;
        this.path = path;
        this.cleanable = CLEANER.register(this, new Fd(fd));
    }

    /** Opens the namespace bound at {@code path} (a /proc/.../ns/net file or a bind mount under /var/run/netns). */
    public static NetNs open(Path path) {
        int fd = Libc.open(path.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        long magic;
        try {
            magic = Libc.fstatfsType(fd);
        } catch (LinuxException e) {
            Libc.close(fd);
            throw e;
        }
        if (magic != Libc.NSFS_MAGIC && magic != Libc.PROC_SUPER_MAGIC) {
            Libc.close(fd);
            throw new LinuxException("open netns " + path, Errno.EINVAL, "not a namespace file (fs magic 0x"
                    + Long.toHexString(magic) + ")");
        }
        return new NetNs(fd, path.toString());
    }

    /** The network namespace of a process. */
    public static NetNs ofPid(long pid) {
        return open(Path.of("/proc/" + pid + "/ns/net"));
    }

    /** A named namespace, as {@code ip netns} names them. */
    public static NetNs named(String name) {
        return open(RUN_DIR.resolve(checkName(name)));
    }

    /** The namespace of the calling thread (for a virtual thread: its current carrier's, which we never switch). */
    public static NetNs current() {
        return open(Path.of("/proc/thread-self/ns/net"));
    }

    /** Inode of the calling thread's network namespace (what {@code ls -l /proc/thread-self/ns/net} shows). */
    public static long currentInode() {
        return inodeOf(Path.of("/proc/thread-self/ns/net"));
    }

    public static boolean exists(String name) {
        return Files.exists(RUN_DIR.resolve(checkName(name)));
    }

    /**
     * {@code ip netns add NAME}: make /var/run/netns a shared mount point (bind-mounting it on itself first if it
     * is not a mount point yet), create the empty file, then on a dedicated platform thread unshare(CLONE_NEWNET)
     * and bind-mount that thread's new namespace onto the file. Returns the open namespace.
     */
    public static NetNs create(String name) {
        Path file = RUN_DIR.resolve(checkName(name));
        String op = "netns add " + name;
        try {
            Files.createDirectories(RUN_DIR);
        } catch (IOException e) {
            throw new LinuxException(op + " (mkdir " + RUN_DIR + ")", Errno.EIO, e.getMessage(), e);
        }
        makeRunDirShared(op);
        int f;
        try {
            f = Libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, 0);
        } catch (LinuxException e) {
            throw e.during(op);
        }
        Libc.close(f);
        try {
            onPlatformThread("netns-add-" + name, () -> {
                int orig = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
                try {
                    Libc.unshare(Libc.CLONE_NEWNET);
                    try {
                        Libc.mount("/proc/self/task/" + Libc.gettid() + "/ns/net", file.toString(), "none",
                                Libc.MS_BIND, null);
                    } finally {
                        Libc.setns(orig, Libc.CLONE_NEWNET);
                    }
                } finally {
                    Libc.close(orig);
                }
                return null;
            });
        } catch (LinuxException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the original error matters more
            }
            throw e.during(op);
        }
        return open(file);
    }

    /** {@code ip netns del NAME}: lazy-unmount the bind mount and remove the file. ENOENT if there is none. */
    public static void delete(String name) {
        Path file = RUN_DIR.resolve(checkName(name));
        try {
            Libc.umount2(file.toString(), Libc.MNT_DETACH);
        } catch (LinuxException e) {
            // like ip: an unmounted leftover file is still removed below
        }
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw new LinuxException("netns del " + name, Errno.ENOENT);
        } catch (IOException e) {
            throw new LinuxException("netns del " + name, Errno.EIO, e.getMessage(), e);
        }
    }

    private static void makeRunDirShared(String op) {
        String dir = RUN_DIR.toString();
        try {
            Libc.mount("", dir, "none", Libc.MS_SHARED | Libc.MS_REC, null);
        } catch (LinuxException e) {
            if (!e.is(Errno.EINVAL)) {
                throw e.during(op);
            }
            // not a mount point yet: bind it onto itself, then make it shared (what ip netns add does)
            try {
                Libc.mount(dir, dir, "none", Libc.MS_BIND | Libc.MS_REC, null);
                Libc.mount("", dir, "none", Libc.MS_SHARED | Libc.MS_REC, null);
            } catch (LinuxException again) {
                throw again.during(op);
            }
        }
    }

    /**
     * Runs {@code work} inside this namespace on a dedicated platform thread (a pooled netns worker) and returns
     * its result; the worker always switches back before it takes other work. Safe to call from any thread,
     * virtual ones included.
     */
    public <T> T call(Supplier<T> work) {
        ensureOpen();
        return onWorker(() -> callOnThisThread(work));
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} inside this namespace on the calling platform thread and always switches back. Refuses
     * virtual threads. If switching back fails the thread is left in a foreign namespace: an
     * {@link IllegalStateException} says so, and the caller must not reuse that thread.
     */
    public <T> T callOnThisThread(Supplier<T> work) {
        ensureOpen();
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("refusing setns on virtual thread " + Thread.currentThread()
                    + ": the namespace would leak onto its carrier; use NetNs.call(...)");
        }
        int orig = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            try {
                Libc.setns(fd, Libc.CLONE_NEWNET);
            } catch (LinuxException e) {
                throw e.during("setns into " + path);
            }
            try {
                return work.get();
            } finally {
                try {
                    Libc.setns(orig, Libc.CLONE_NEWNET);
                } catch (LinuxException e) {
                    throw new RestoreFailed("thread " + Thread.currentThread().getName()
                            + " could not return from netns " + path + "; do not reuse it", e);
                }
            }
        } finally {
            Libc.close(orig);
        }
    }

    /** Thrown inside a worker whose namespace could not be restored: the worker must die, never be reused. */
    private static final class RestoreFailed extends IllegalStateException {
        RestoreFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Dedicated platform threads for {@link #call}: reused (creating a thread per call costs more than the work),
     * never virtual, idle ones end after 30 s. A worker that cannot return to its namespace throws out of its task
     * and is replaced by the pool.
     */
    private static final ThreadPoolExecutor WORKERS = new ThreadPoolExecutor(0, 32, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon(true).name("netns-worker-", 0).factory());

    private static <T> T onWorker(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.get());
            } catch (RestoreFailed e) {
                result.completeExceptionally(e);
                throw e; // ends this worker thread
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        try {
            WORKERS.execute(task);
        } catch (RejectedExecutionException busy) {
            return onPlatformThread("netns-overflow", work);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work must finish and restore before we return
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T onPlatformThread(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work must finish and restore before we return
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    /** The nsfs inode number identifying this namespace. */
    public long inode() {
        ensureOpen();
        return Libc.fstatInode(fd);
    }

    private static long inodeOf(Path nsLink) {
        try {
            String target = Files.readSymbolicLink(nsLink).toString(); // "net:[4026531840]"
            return Long.parseLong(target.substring(target.indexOf('[') + 1, target.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read namespace inode from " + nsLink, e);
        }
    }

    /** Where this namespace was opened from. */
    public String path() {
        return path;
    }

    /**
     * The open file descriptor, for the module's facades (IFLA_NET_NS_FD when moving a link here). Valid until
     * {@link #close()}.
     */
    public int fd() {
        ensureOpen();
        return fd;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netns " + path + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + path + "]";
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")
                || name.length() > 255) {
            throw new IllegalArgumentException("invalid netns name '" + name + "'");
        }
        return name;
    }
}
