package dev.fastpath.nativeaccess.netlink;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nativeaccess.netns.ThrowawayNamespaces;
import dev.fastpath.testkit.Privileged;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The facade against the real kernel, in throwaway namespaces named with a per-test prefix; every result is also
 * checked with {@code ip -j} (an independent implementation).
 */
@Privileged
class HandlePrivilegedTest {
    private ThrowawayNamespaces namespaces;
    private String prefix;

    @BeforeEach
    void prefix() {
        namespaces = new ThrowawayNamespaces("fh");
        prefix = namespaces.prefix();
    }

    @AfterEach
    void cleanup() throws Exception {
        namespaces.close();
    }

    private NetNs ns(String suffix) {
        return namespaces.create(suffix);
    }

    private Handle handle(NetNs ns) {
        return namespaces.closeLater(Handle.open(ns));
    }

    private static String name(NetNs ns) {
        return ns.path().substring(ns.path().lastIndexOf('/') + 1);
    }

    @Test
    void vethPairMovedRenamedAndConfiguredLikeAnAttachment() {
        NetNs host = ns("h");
        NetNs pod = ns("p");
        Handle h = handle(host);
        String hostEnd = prefix + "h0";
        String podEnd = prefix + "c0";
        h.addVeth(hostEnd, podEnd);
        h.moveToNetns(podEnd, pod, Optional.of("eth1"));
        assertTrue(h.link(podEnd).isEmpty(), "moved out of the host namespace");

        Handle p = handle(pod);
        MacAddress mac = MacAddress.parse("02:fa:00:00:00:01");
        p.setMac("eth1", mac);
        p.setMtu("eth1", 1450);
        p.addAddress("eth1", IpPrefix.parse("10.77.0.2/24"));
        p.setUp("eth1");
        h.setUp(hostEnd);
        p.addRoute(Route.defaultVia(IpPrefix.literal("10.77.0.1"), p.ifindex("eth1")));

        Link eth1 = p.requireLink("eth1");
        assertEquals(mac, eth1.mac().orElseThrow());
        assertEquals(1450, eth1.mtu());
        assertTrue(eth1.isUp());
        assertEquals(Optional.of("veth"), eth1.kind());
        assertTrue(p.addresses("eth1").stream().anyMatch(a -> a.prefix().equals(IpPrefix.parse("10.77.0.2/24"))));
        Route def = p.routes(false).stream().filter(Route::isDefault).findFirst().orElseThrow();
        assertEquals(Optional.of(IpPrefix.literal("10.77.0.1")), def.gateway());
        assertEquals(eth1.index(), def.outIndex());

        // the same facts through iproute2
        JsonNode j = Ip.link(name(pod), "eth1");
        assertEquals("02:fa:00:00:00:01", j.get("address").asText());
        assertEquals(1450, j.get("mtu").asInt());
        assertTrue(j.get("flags").toString().contains("\"UP\""), j.toString());
        assertEquals("veth", j.get("linkinfo").get("info_kind").asText());
        JsonNode addr = Ip.json(name(pod), "-4", "addr", "show", "dev", "eth1").get(0).get("addr_info").get(0);
        assertEquals("10.77.0.2", addr.get("local").asText());
        assertEquals(24, addr.get("prefixlen").asInt());
        JsonNode routes = Ip.json(name(pod), "route", "show", "default");
        assertEquals("10.77.0.1", routes.get(0).get("gateway").asText());
        assertEquals("eth1", routes.get(0).get("dev").asText());
    }

    @Test
    void vethPeerBornInAnotherNamespaceAndRename() {
        NetNs host = ns("h");
        NetNs pod = ns("p");
        Handle h = handle(host);
        h.addVeth(prefix + "a", prefix + "b", pod);
        Handle p = handle(pod);
        assertTrue(p.link(prefix + "b").isPresent());
        p.rename(prefix + "b", prefix + "r");
        assertTrue(p.link(prefix + "b").isEmpty());
        assertEquals(prefix + "r", Ip.link(name(pod), prefix + "r").get("ifname").asText());
        // several settings in one request
        p.setLink(prefix + "r", LinkChange.of().name("eth2").mac(MacAddress.parse("02:fa:00:00:00:02")).mtu(1400)
                .up(true));
        JsonNode eth2 = Ip.link(name(pod), "eth2");
        assertEquals("02:fa:00:00:00:02", eth2.get("address").asText());
        assertEquals(1400, eth2.get("mtu").asInt());
        assertTrue(eth2.get("flags").toString().contains("\"UP\""), eth2.toString());
        p.rename("eth2", prefix + "r");
        h.setDown(prefix + "a");
        assertFalse(h.requireLink(prefix + "a").isUp());
        assertTrue(h.deleteLinkIfPresent(prefix + "a"));
        assertTrue(h.link(prefix + "a").isEmpty());
        assertTrue(p.link(prefix + "r").isEmpty(), "deleting one veth end removes its peer");
        assertFalse(h.deleteLinkIfPresent(prefix + "a"), "idempotent");
        assertFalse(p.deleteLinkIfPresent(prefix + "r"), "the peer went with it");
    }

    @Test
    void macvlanModesOnAVeth() {
        NetNs host = ns("h");
        Handle h = handle(host);
        h.addVeth(prefix + "l", prefix + "m");
        h.addMacvlan(prefix + "mb", prefix + "l", MacvlanMode.BRIDGE);
        h.addMacvlan(prefix + "mp", prefix + "l", MacvlanMode.PRIVATE);
        h.addMacvlan(prefix + "mv", prefix + "l", MacvlanMode.VEPA);
        int lower = h.ifindex(prefix + "l");
        Link mb = h.requireLink(prefix + "mb");
        assertEquals(Optional.of("macvlan"), mb.kind());
        assertEquals(lower, mb.lowerIndex());
        assertEquals("bridge", Ip.link(name(host), prefix + "mb").get("linkinfo").get("info_data").get("mode").asText());
        assertEquals("private", Ip.link(name(host), prefix + "mp").get("linkinfo").get("info_data").get("mode").asText());
        assertEquals("vepa", Ip.link(name(host), prefix + "mv").get("linkinfo").get("info_data").get("mode").asText());
        // macvlan moved into a pod with a new name, like a CNI macvlan attachment
        NetNs pod = ns("p");
        h.moveToNetns(prefix + "mb", pod, Optional.of("net1"));
        assertEquals("macvlan", Ip.link(name(pod), "net1").get("linkinfo").get("info_kind").asText());
    }

    @Test
    void vlanIsCreatedOrFailsClearlyWhen8021qIsMissing() {
        NetNs host = ns("h");
        Handle h = handle(host);
        h.addVeth(prefix + "l", prefix + "m");
        for (VlanProtocol proto : VlanProtocol.values()) {
            String vname = prefix + (proto == VlanProtocol.IEEE_802_1Q ? "q" : "s");
            try {
                h.addVlan(vname, prefix + "l", 100, proto);
                JsonNode info = Ip.link(name(host), vname).get("linkinfo").get("info_data");
                assertEquals(100, info.get("id").asInt());
                assertEquals(proto == VlanProtocol.IEEE_802_1Q ? "802.1Q" : "802.1ad", info.get("protocol").asText());
            } catch (LinuxException e) {
                assertEquals(Errno.EOPNOTSUPP, e.errno(), e.getMessage());
                assertEquals("RTM_NEWLINK vlan " + vname + " on " + prefix + "l: EOPNOTSUPP (Operation not supported)"
                        + ": Unknown device type", e.getMessage());
            }
        }
    }

    @Test
    void vfOperationsOnAVethFailWithEopnotsupp() {
        NetNs host = ns("h");
        Handle h = handle(host);
        h.addVeth(prefix + "pf", prefix + "x");
        List<VfConfig> each = List.of(VfConfig.vf(0).mac(MacAddress.parse("02:00:00:00:00:01")),
                VfConfig.vf(0).vlan(100, 3, VlanProtocol.IEEE_802_1Q),
                VfConfig.vf(0).vlan(100, 3, VlanProtocol.IEEE_802_1AD), VfConfig.vf(0).spoofCheck(false),
                VfConfig.vf(0).trust(true), VfConfig.vf(0).linkState(VfLinkState.DISABLE), VfConfig.vf(0).rate(10, 100),
                VfConfig.vf(0).maxTxRate(100), VfConfig.vf(0).minTxRate(10));
        for (VfConfig c : each) {
            LinuxException e = assertThrows(LinuxException.class, () -> h.setVf(prefix + "pf", c), c.toString());
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertTrue(e.getMessage().startsWith("RTM_NEWLINK " + prefix + "pf vf 0: EOPNOTSUPP (Operation not supported)"),
                    e.getMessage());
        }
        assertEquals(List.of(), h.vfs(prefix + "pf"));
        assertTrue(h.requireLink(prefix + "pf").numVfs().isEmpty(), "a veth has no parent device, so no IFLA_NUM_VF");
    }

    @Test
    void errorsNameTheOperationAndTheDevice() {
        NetNs host = ns("h");
        Handle h = handle(host);
        h.addVeth(prefix + "e", prefix + "f");
        LinuxException exists = assertThrows(LinuxException.class, () -> h.addVeth(prefix + "e", prefix + "g"));
        assertEquals("RTM_NEWLINK veth " + prefix + "e: EEXIST (File exists)", exists.getMessage());
        assertEquals("EEXIST", exists.errnoName());
        LinuxException nodev = assertThrows(LinuxException.class, () -> h.setMtu(prefix + "zz", 1400));
        assertEquals("RTM_GETLINK " + prefix + "zz: ENODEV (No such device)", nodev.getMessage());
        assertThrows(LinuxException.class, () -> h.deleteLink(prefix + "zz"));
        LinuxException badMtu = assertThrows(LinuxException.class, () -> h.setMtu(prefix + "e", 70000));
        assertEquals(Errno.EINVAL, badMtu.errno());
        assertTrue(badMtu.getMessage().startsWith("RTM_NEWLINK " + prefix + "e mtu 70000: EINVAL"), badMtu.getMessage());
        // nothing half-made: the failed second veth left no peer behind
        assertTrue(h.link(prefix + "g").isEmpty());
        LinuxException dupAddr = assertThrows(LinuxException.class, () -> {
            h.addAddress(prefix + "e", IpPrefix.parse("10.1.2.3/24"));
            h.addAddress(prefix + "e", IpPrefix.parse("10.1.2.3/24"));
        });
        assertEquals(Errno.EEXIST, dupAddr.errno());
    }

    @Test
    void addressesBothFamilies() {
        NetNs host = ns("h");
        Handle h = handle(host);
        String d = prefix + "a";
        h.addVeth(d, prefix + "b");
        h.addAddress(d, IpPrefix.parse("10.66.0.2/24"));
        h.addAddressNoDad(d, IpPrefix.parse("fd00:66::2/64"));
        h.addAddress(d, IpPrefix.parse("fd00:67::2/64"));
        List<IpPrefix> ours = h.addresses(d).stream().map(Address::prefix).toList();
        assertTrue(ours.containsAll(List.of(IpPrefix.parse("10.66.0.2/24"), IpPrefix.parse("fd00:66::2/64"),
                IpPrefix.parse("fd00:67::2/64"))), ours.toString());
        List<String> theirs = new ArrayList<>();
        Ip.json(name(host), "addr", "show", "dev", d).get(0).get("addr_info")
                .forEach(a -> theirs.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt()));
        assertTrue(theirs.containsAll(List.of("10.66.0.2/24", "fd00:66::2/64", "fd00:67::2/64")), theirs.toString());
        h.deleteAddress(d, IpPrefix.parse("fd00:67::2/64"));
        h.deleteAddress(d, IpPrefix.parse("10.66.0.2/24"));
        List<IpPrefix> after = h.addresses(d).stream().map(Address::prefix).toList();
        assertFalse(after.contains(IpPrefix.parse("10.66.0.2/24")));
        assertFalse(after.contains(IpPrefix.parse("fd00:67::2/64")));
        assertTrue(after.contains(IpPrefix.parse("fd00:66::2/64")));
        assertFalse(Ip.run(List.of("ip", "-n", name(host), "addr", "show", "dev", d)).contains("10.66.0.2"));
    }

    @Test
    void routesDefaultGatewayOnLinkAndScopeLink() {
        NetNs host = ns("h");
        Handle h = handle(host);
        String d = prefix + "a";
        h.addVeth(d, prefix + "b");
        h.setUp(d);
        h.setUp(prefix + "b");
        h.addAddress(d, IpPrefix.parse("10.55.0.2/24"));
        int idx = h.ifindex(d);
        h.addRoute(Route.defaultVia(IpPrefix.literal("10.55.0.1"), idx));
        h.addRoute(Route.via(IpPrefix.parse("10.56.0.0/16"), IpPrefix.literal("10.55.0.1"), 0));
        h.addRoute(Route.onLink(IpPrefix.parse("10.57.0.0/16"), idx));
        h.addRoute(Route.viaOnLink(IpPrefix.parse("10.58.0.0/16"), IpPrefix.literal("192.0.2.1"), idx));
        List<Route> v4 = h.routes(false);
        assertTrue(v4.stream().anyMatch(r -> r.destination().equals(IpPrefix.parse("10.58.0.0/16")) && r.onLink()));
        assertTrue(v4.stream().anyMatch(r -> r.destination().equals(IpPrefix.parse("10.57.0.0/16"))
                && r.scope() == Route.SCOPE_LINK && r.gateway().isEmpty()));
        JsonNode j = Ip.json(name(host), "route", "show");
        assertEquals("10.55.0.1", route(j, "default").get("gateway").asText());
        assertEquals("10.55.0.1", route(j, "10.56.0.0/16").get("gateway").asText());
        assertEquals("link", route(j, "10.57.0.0/16").get("scope").asText());
        assertEquals(d, route(j, "10.57.0.0/16").get("dev").asText());
        assertEquals("192.0.2.1", route(j, "10.58.0.0/16").get("gateway").asText());
        assertEquals("[\"onlink\"]", route(j, "10.58.0.0/16").get("flags").toString());
        h.deleteRoute(Route.via(IpPrefix.parse("10.56.0.0/16"), IpPrefix.literal("10.55.0.1"), 0));
        h.deleteRoute(Route.defaultVia(IpPrefix.literal("10.55.0.1"), idx));
        String after = Ip.json(name(host), "route", "show").toString();
        assertFalse(after.contains("10.56.0.0"), after);
        assertFalse(after.contains("default"), after);
        // IPv6 default
        h.addAddressNoDad(d, IpPrefix.parse("fd00:55::2/64"));
        h.addRoute(Route.defaultVia(IpPrefix.literal("fd00:55::1"), idx));
        assertTrue(h.routes(true).stream().anyMatch(r -> r.isDefault()
                && r.gateway().equals(Optional.of(IpPrefix.literal("fd00:55::1")))));
        assertTrue(Ip.json(name(host), "-6", "route", "show", "default").toString().contains("fd00:55::1"));
    }

    private static JsonNode route(JsonNode routes, String dst) {
        for (JsonNode r : routes) {
            if (r.get("dst").asText().equals(dst)) {
                return r;
            }
        }
        throw new AssertionError("ip shows no route to " + dst + ": " + routes);
    }

    @Test
    void bigDumpSpansManyDatagrams() {
        NetNs host = ns("h");
        Handle h = handle(host);
        for (int i = 0; i < 150; i++) {
            h.addVeth(prefix + "a" + i, prefix + "b" + i);
        }
        List<Link> links = h.links();
        assertEquals(301, links.size(), "lo + 300 veth ends");
        assertEquals(301, Ip.json(name(host), "link", "show").size());
    }
}
