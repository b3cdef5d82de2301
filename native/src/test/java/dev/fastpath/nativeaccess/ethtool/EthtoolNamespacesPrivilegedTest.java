package dev.fastpath.nativeaccess.ethtool;

import static dev.fastpath.nativeaccess.ethtool.EthtoolPrivilegedTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.testkit.Privileged;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four namespaces, each with a veth of the same name but a different feature state, queried from many threads at
 * once: every answer comes from the namespace of the socket used, never from another one.
 */
@Privileged
class EthtoolNamespacesPrivilegedTest {
    static final int NAMESPACES = 4;
    static final String IFNAME = "fpetns0";
    static final String FEATURE = "tx-nocache-copy";

    final List<String> namespaces = new ArrayList<>();
    final List<Ethtool> ethtools = new ArrayList<>();

    @BeforeEach
    void namespaces() throws Exception {
        String tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        for (int i = 0; i < NAMESPACES; i++) {
            String ns = "fpetns-" + tag + "-" + i;
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "-n", ns, "link", "add", IFNAME, "type", "veth", "peer", "name", "fpetns1");
            // set with the independent tool: on in even namespaces, off in odd ones
            run("ip", "netns", "exec", ns, "ethtool", "-K", IFNAME, FEATURE, i % 2 == 0 ? "on" : "off");
            try (NetNs netns = NetNs.named(ns)) {
                ethtools.add(Ethtool.open(netns));
            }
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        ethtools.forEach(Ethtool::close);
        for (String ns : namespaces) {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void everyAnswerComesFromTheSocketsNamespace() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int q = 0; q < 400; q++) {
                Ethtool ethtool = ethtools.get(q % NAMESPACES);
                answers.add(pool.submit(() -> ethtool.feature(IFNAME, FEATURE).active()));
            }
            for (int q = 0; q < answers.size(); q++) {
                assertEquals(q % NAMESPACES % 2 == 0, answers.get(q).get(), "query " + q + " in "
                        + namespaces.get(q % NAMESPACES));
            }
        }
    }
}
