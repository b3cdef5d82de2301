package dev.fastpath.nativeaccess.netlink;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import dev.fastpath.nativeaccess.netlink.codec.NetlinkAck;
import dev.fastpath.nativeaccess.netlink.codec.NetlinkMessage;
import dev.fastpath.nativeaccess.netlink.codec.Rtnl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A NETLINK_ROUTE socket speaking request/response: it stamps a fresh sequence number on every request, skips
 * anything that does not carry it, sizes each read by peeking ({@code MSG_PEEK|MSG_TRUNC}) so replies of any size
 * (a PF with 128 VFs) fit, turns NLMSG_ERROR into {@link LinuxException} with the kernel's ext-ack text, and restarts
 * dumps the kernel flags as interrupted (NLM_F_DUMP_INTR).
 *
 * <p>The socket works in the network namespace it was created in, whichever thread later uses it. One request at a
 * time (a lock; fine for virtual threads). A {@link Cleaner} closes the fd if the owner forgets.
 */
final class RtnlSocket implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int SOCKADDR_NL_LEN = 12;
    private static final int DUMP_ATTEMPTS = 10;
    private static final int RECEIVE_TIMEOUT_SECONDS = 10;
    /** Enough for most replies at once; a larger one (a PF with many VFs) grows the buffer to its peeked size. */
    private static final int DEFAULT_RECEIVE_BUFFER = 32 * 1024;

    /** The fd, closed by {@link #close} or by the Cleaner. Buffers are GC-managed (closing a shared arena costs a
     * handshake with every thread, which would dominate opening a short-lived handle). */
    private static final class State implements Runnable {
        final int fd;
        final Arena arena = Arena.ofAuto();
        volatile boolean closed;

        State(int fd) {
            this.fd = fd;
        }

        @Override
        public void run() {
            if (!closed) {
                closed = true;
                Libc.close(fd);
            }
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final int portId;
    private final ReentrantLock lock = new ReentrantLock();
    private final MemorySegment sendBuf;
    /** GC-managed (Arena.ofAuto): it grows when a reply is larger, and the old one is simply dropped. */
    private MemorySegment recvBuf;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    /** Messages of the last datagram read that {@link #nextReply} has not handed out yet. */
    private final ArrayDeque<NetlinkMessage> unread = new ArrayDeque<>();

    private int interruptedDumps;

    /** {@code initialReceiveBuffer} is only lowered by tests, to exercise growing it on a peeked size. */
    private RtnlSocket(int fd, int initialReceiveBuffer) {
        this.state = new State(fd);
        this.cleanable = CLEANER.register(this, state);
        try {
            Libc.setsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, 32768);
            Libc.setsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 1 << 20);
            Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1);
            Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_GET_STRICT_CHK, 1);
            MemorySegment tv = state.arena.allocate(16, 8);
            tv.set(ValueLayout.JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS); // a kernel that never answers must not hang us
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv, 16);
            MemorySegment sa = state.arena.allocate(SOCKADDR_NL_LEN, 4);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            Libc.bind(fd, sa, SOCKADDR_NL_LEN);
            MemorySegment len = state.arena.allocateFrom(ValueLayout.JAVA_INT, SOCKADDR_NL_LEN);
            Libc.getsockname(fd, sa, len);
            this.portId = sa.get(ValueLayout.JAVA_INT, 4);
            this.sendBuf = state.arena.allocate(64 * 1024, 8);
            this.recvBuf = Arena.ofAuto().allocate(initialReceiveBuffer, 8);
        } catch (RuntimeException e) {
            cleanable.clean();
            throw e;
        }
    }

    /** Opens a socket in the calling thread's network namespace. */
    static RtnlSocket open() {
        return open(DEFAULT_RECEIVE_BUFFER);
    }

    /** Sends a request that changes something and waits for its ACK; failure → LinuxException naming {@code op}. */
    void ack(byte[] request, String op) {
        lock.lock();
        try {
            int s = send(request, op);
            NetlinkMessage m;
            do {
                m = nextReply(s, op);
            } while (!m.isError()); // a change request is answered by its ACK (an NLMSG_ERROR with errno 0)
            check(NetlinkAck.parse(m), op);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a GET that has exactly one answer; an NLMSG_ERROR becomes a LinuxException. */
    NetlinkMessage get(byte[] request, String op) {
        lock.lock();
        try {
            int s = send(request, op);
            NetlinkMessage m = nextReply(s, op);
            if (m.isError()) {
                check(NetlinkAck.parse(m), op);
                throw new LinuxException(op, Errno.EPROTO, "the kernel sent an ACK instead of a reply");
            }
            return m;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a dump to NLMSG_DONE; restarts it when the kernel flags it interrupted (the table changed meanwhile). */
    List<NetlinkMessage> dump(byte[] request, String op) {
        lock.lock();
        try {
            for (int attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
                int s = send(request, op);
                List<NetlinkMessage> out = new ArrayList<>();
                boolean interrupted = false;
                while (true) {
                    NetlinkMessage m = nextReply(s, op);
                    if ((m.flags() & Rtnl.NLM_F_DUMP_INTR) != 0) {
                        interrupted = true;
                    }
                    if (m.isDone()) {
                        int status = m.payload().limit() >= 4 ? m.payload().getInt(0) : 0;
                        if (status < 0) {
                            throw new LinuxException(op, -status);
                        }
                        break;
                    }
                    if (m.isError()) {
                        check(NetlinkAck.parse(m), op);
                        break;
                    }
                    out.add(m);
                }
                if (!interrupted) {
                    return out;
                }
                interruptedDumps++;
            }
            throw new LinuxException(op, Errno.EINTR, "dump interrupted " + DUMP_ATTEMPTS + " times in a row");
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next message answering request {@code seq}, reading datagrams as needed. Anything else is skipped: a
     * stale reply of an earlier request that was abandoned (an exception between send and its answer).
     */
    private NetlinkMessage nextReply(int seq, String op) {
        while (true) {
            if (unread.isEmpty()) {
                unread.addAll(receive(op));
            }
            NetlinkMessage m = unread.poll();
            if (m != null && m.seq() == seq && m.pid() == portId) {
                return m;
            }
        }
    }

    private static void check(NetlinkAck ack, String op) {
        if (!ack.isSuccess()) {
            throw new LinuxException(op, ack.errno(), ack.message().orElse(null));
        }
    }

    private int send(byte[] request, String op) {
        ensureOpen(op);
        if (request.length > sendBuf.byteSize()) {
            throw new IllegalArgumentException(op + ": request of " + request.length + " bytes is too large");
        }
        unread.clear(); // whatever is left belongs to earlier requests
        int s = ++seq;
        MemorySegment.copy(request, 0, sendBuf, ValueLayout.JAVA_BYTE, 0, request.length);
        sendBuf.set(ValueLayout.JAVA_INT_UNALIGNED, 8, s);
        sendBuf.set(ValueLayout.JAVA_INT_UNALIGNED, 12, 0);
        try {
            Libc.sendto(state.fd, sendBuf, request.length, 0, MemorySegment.NULL, 0);
        } catch (LinuxException e) {
            throw e.during(op + " (sendto)");
        }
        return s;
    }

    /** Reads one datagram, sized by peeking first, and copies it to the heap. */
    private List<NetlinkMessage> receive(String op) {
        try {
            long size = Libc.recvfrom(state.fd, MemorySegment.NULL, 0, Libc.MSG_PEEK | Libc.MSG_TRUNC,
                    MemorySegment.NULL, MemorySegment.NULL);
            if (size > recvBuf.byteSize()) {
                recvBuf = Arena.ofAuto().allocate(Math.max(size, recvBuf.byteSize() * 2), 8);
            }
            long n = Libc.recvfrom(state.fd, recvBuf, recvBuf.byteSize(), 0, MemorySegment.NULL, MemorySegment.NULL);
            byte[] data = recvBuf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            return NetlinkMessage.split(ByteBuffer.wrap(data));
        } catch (LinuxException e) {
            if (e.is(Errno.EAGAIN)) {
                throw new LinuxException(op, Errno.ETIMEDOUT, "no reply from the kernel within "
                        + RECEIVE_TIMEOUT_SECONDS + " s", e);
            }
            throw e.during(op + " (recvfrom)");
        }
    }

    private void ensureOpen(String op) {
        if (state.closed) {
            throw new IllegalStateException(op + ": netlink socket is closed");
        }
    }

    /** How many dumps were restarted because the kernel flagged them interrupted (for tests and diagnostics). */
    int interruptedDumps() {
        return interruptedDumps;
    }

    /** Current receive buffer size (tests). */
    long receiveBufferSize() {
        return recvBuf.byteSize();
    }

    /** Opens a socket in the calling thread's namespace with a given first receive buffer (tests lower it). */
    static RtnlSocket open(int initialReceiveBuffer) {
        return new RtnlSocket(Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE),
                initialReceiveBuffer);
    }

    int portId() {
        return portId;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            cleanable.clean();
        } finally {
            lock.unlock();
        }
    }
}
