package dev.fastpath.nativeaccess.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.fastpath.nativeaccess.netlink.codec.NetlinkMessage;
import dev.fastpath.nativeaccess.netlink.codec.RtnlParser;
import dev.fastpath.nativeaccess.netlink.codec.RtnlRequests;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.testkit.Privileged;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket's receive sizing and dump restarts against the real kernel. */
@Privileged
class RtnlSocketPrivilegedTest {
    private String name;
    private NetNs ns;

    @BeforeEach
    void ns() {
        name = "fs" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        ns = NetNs.create(name);
    }

    @AfterEach
    void cleanup() {
        ns.close();
        NetNs.delete(name);
    }

    /** A reply larger than the buffer is never truncated: the socket peeks its size and grows the buffer first. */
    @Test
    void receiveBufferGrowsToThePeekedSize() {
        try (Handle h = Handle.open(ns); RtnlSocket s = ns.call(() -> RtnlSocket.open(256))) {
            h.addVeth(name + "a", name + "b");
            NetlinkMessage m = s.get(RtnlRequests.getLinkByName(name + "a"), "test");
            assertEquals(name + "a", RtnlParser.link(m).name());
            assertTrue(m.payload().limit() > 256, "a veth RTM_NEWLINK is bigger than 256 B");
            assertTrue(s.receiveBufferSize() > 256);
            assertEquals(3, s.dump(RtnlRequests.dumpLinks(), "test").size());
        }
    }

    /**
     * A request whose answer was not read to the end (here: a dump abandoned after its first message) leaves
     * replies in the socket; the next request skips them by sequence number and gets its own ACK, and the dump
     * after that is whole.
     */
    @Test
    void repliesOfAnAbandonedRequestAreSkippedBySequenceNumber() {
        try (Handle h = Handle.open(ns); RtnlSocket s = ns.call(RtnlSocket::open)) {
            for (int i = 0; i < 60; i++) {
                h.addVeth(name + "a" + i, name + "b" + i);
            }
            NetlinkMessage first = s.get(RtnlRequests.dumpLinks(), "abandoned dump");
            assertEquals("lo", RtnlParser.link(first).name());
            int index = h.ifindex(name + "a7");
            s.ack(RtnlRequests.setUp(index, true), "RTM_NEWLINK " + name + "a7 up");
            assertTrue(h.requireLink(name + "a7").isUp());
            assertEquals(121, s.dump(RtnlRequests.dumpLinks(), "RTM_GETLINK dump").size(), "lo + 60 veth pairs");
        }
    }

    /**
     * Dumps while another thread keeps adding and removing links: every dump completes, restarted when the kernel
     * flags it interrupted, and never lists a name twice.
     */
    @Test
    void dumpsStayConsistentWhileLinksChange() throws Exception {
        try (Handle h = Handle.open(ns); RtnlSocket s = ns.call(RtnlSocket::open)) {
            for (int i = 0; i < 100; i++) {
                h.addVeth(name + "a" + i, name + "b" + i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread churn = Thread.ofPlatform().start(() -> {
                try (Handle c = Handle.open(ns)) {
                    for (int i = 0; !stop.get(); i++) {
                        c.addVeth(name + "x", name + "y");
                        c.deleteLink(name + "x");
                    }
                }
            });
            try {
                for (int d = 0; d < 40; d++) {
                    List<NetlinkMessage> msgs = s.dump(RtnlRequests.dumpLinks(), "RTM_GETLINK dump");
                    Set<String> names = new HashSet<>();
                    for (NetlinkMessage m : msgs) {
                        assertTrue(names.add(RtnlParser.link(m).name()), "duplicate in one dump");
                    }
                    assertTrue(names.size() >= 201, "all stable links present: " + names.size());
                }
            } finally {
                stop.set(true);
                churn.join();
            }
            System.out.println("interrupted dumps restarted: " + s.interruptedDumps());
        }
    }
}
