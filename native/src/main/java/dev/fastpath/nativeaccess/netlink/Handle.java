package dev.fastpath.nativeaccess.netlink;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.codec.NetlinkMessage;
import dev.fastpath.nativeaccess.netlink.codec.Rtnl;
import dev.fastpath.nativeaccess.netlink.codec.RtnlParser;
import dev.fastpath.nativeaccess.netlink.codec.RtnlRequests;
import dev.fastpath.nativeaccess.netns.NetNs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * rtnetlink in iproute2's verbs, bound to one network namespace: the one its socket was opened in. Thread-safe
 * (one request at a time), usable from virtual threads. Devices are named as in {@code ip ... dev NAME}; the name
 * is resolved with one RTM_GETLINK, as iproute2 does. Every kernel refusal is a {@link LinuxException} whose
 * operation names the request and the device, e.g. {@code RTM_NEWLINK veth fp0: EEXIST (File exists)}.
 */
public final class Handle implements AutoCloseable {
    private final RtnlSocket socket;
    private final String namespace;

    private Handle(RtnlSocket socket, String namespace) {
        this.socket = socket;
        this.namespace = namespace;
    }

    /** A handle on the calling thread's namespace (the host's, for a virtual thread). */
    public static Handle open() {
        return new Handle(RtnlSocket.open(), "current");
    }

    /** A handle on {@code ns}: its socket is created inside ns (briefly, on a dedicated platform thread). */
    public static Handle open(NetNs ns) {
        return new Handle(ns.call(RtnlSocket::open), ns.path());
    }

    // ================================================================== links

    /** {@code ip link show}, with VF info for PFs. */
    public List<Link> links() {
        return dump(RtnlRequests.dumpLinks(), "RTM_GETLINK dump", Rtnl.RTM_NEWLINK, RtnlParser::link);
    }

    /** {@code ip link show dev NAME}; empty when there is no such device. */
    public Optional<Link> link(String name) {
        try {
            return Optional.of(requireLink(name));
        } catch (LinuxException e) {
            if (e.is(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The device named {@code name}, or ENODEV naming it. */
    public Link requireLink(String name) {
        NetlinkMessage m = socket.get(RtnlRequests.getLinkByName(name), "RTM_GETLINK " + name);
        return RtnlParser.link(m);
    }

    /** The device with this index, or ENODEV. */
    public Link link(int index) {
        return RtnlParser.link(socket.get(RtnlRequests.getLinkByIndex(index), "RTM_GETLINK ifindex " + index));
    }

    private int index(String name) {
        return requireLink(name).index();
    }

    /** {@code ip link add NAME type veth peer name PEER}. */
    public void addVeth(String name, String peer) {
        socket.ack(RtnlRequests.newVeth(name, peer, OptionalInt.empty()), "RTM_NEWLINK veth " + name);
    }

    /** {@code ip link add NAME type veth peer name PEER netns NS}: the peer is born inside {@code peerNs}. */
    public void addVeth(String name, String peer, NetNs peerNs) {
        socket.ack(RtnlRequests.newVeth(name, peer, OptionalInt.of(peerNs.fd())),
                "RTM_NEWLINK veth " + name + " peer " + peer + " in " + peerNs.path());
    }

    /** {@code ip link add link PARENT name NAME type macvlan mode MODE}. */
    public void addMacvlan(String name, String parent, MacvlanMode mode) {
        socket.ack(RtnlRequests.newMacvlan(name, index(parent), mode), "RTM_NEWLINK macvlan " + name + " on " + parent);
    }

    /**
     * {@code ip link add link PARENT name NAME type vlan id ID [protocol 802.1ad]}. Kernels without the 8021q
     * module answer EOPNOTSUPP ("Unknown device type").
     */
    public void addVlan(String name, String parent, int vlanId, VlanProtocol protocol) {
        socket.ack(RtnlRequests.newVlan(name, index(parent), vlanId, protocol),
                "RTM_NEWLINK vlan " + name + " on " + parent);
    }

    /** {@code ip link del dev NAME}. */
    public void deleteLink(String name) {
        socket.ack(RtnlRequests.delLink(index(name)), "RTM_DELLINK " + name);
    }

    /**
     * Deletes {@code name} if it exists; false when it was already gone (ENODEV), as an idempotent CNI DEL needs.
     * Any other failure is thrown.
     */
    public boolean deleteLinkIfPresent(String name) {
        Optional<Link> l = link(name);
        if (l.isEmpty()) {
            return false;
        }
        try {
            socket.ack(RtnlRequests.delLink(l.get().index()), "RTM_DELLINK " + name);
            return true;
        } catch (LinuxException e) {
            if (e.is(Errno.ENODEV)) {
                return false; // removed between lookup and delete (e.g. with its veth peer)
            }
            throw e;
        }
    }

    public void setUp(String name) {
        socket.ack(RtnlRequests.setUp(index(name), true), "RTM_NEWLINK " + name + " up");
    }

    public void setDown(String name) {
        socket.ack(RtnlRequests.setUp(index(name), false), "RTM_NEWLINK " + name + " down");
    }

    public void setMtu(String name, int mtu) {
        socket.ack(RtnlRequests.setMtu(index(name), mtu), "RTM_NEWLINK " + name + " mtu " + mtu);
    }

    public void setMac(String name, MacAddress mac) {
        socket.ack(RtnlRequests.setMac(index(name), mac), "RTM_NEWLINK " + name + " address " + mac);
    }

    /** {@code ip link set dev NAME address M mtu N name NEW up}: all of {@code change} in one request. */
    public void setLink(String name, LinkChange change) {
        socket.ack(RtnlRequests.setLink(index(name), change), "RTM_NEWLINK " + name + " " + change);
    }

    /** {@code ip link set dev NAME name NEW} (the device must be down for most drivers: EBUSY otherwise). */
    public void rename(String name, String newName) {
        socket.ack(RtnlRequests.setName(index(name), newName), "RTM_NEWLINK " + name + " name " + newName);
    }

    /** {@code ip link set dev NAME netns NS [name NEW]}: move, renaming in the same step when asked. */
    public void moveToNetns(String name, NetNs target, Optional<String> newName) {
        socket.ack(RtnlRequests.setNetns(index(name), target.fd(), newName),
                "RTM_NEWLINK " + name + " netns " + target.path() + newName.map(n -> " name " + n).orElse(""));
    }

    // ================================================================== SR-IOV (on the PF)

    /**
     * {@code ip link set dev PF vf N ...}: every setting in {@code config}, in one request. When only one tx limit
     * is given ({@link VfConfig#minTxRate} or {@link VfConfig#maxTxRate} alone), the other keeps the VF's current
     * value, read from the PF's VF list like iproute2 does; the lookup of PF by name already returns that list
     * (RTEXT_FILTER_VF), so this costs no extra round trip.
     */
    public void setVf(String pf, VfConfig config) {
        Link link = requireLink(pf);
        VfConfig complete = config.withCurrentRate(
                link.vfs().stream().filter(v -> v.vf() == config.vf()).findFirst());
        socket.ack(RtnlRequests.setVf(link.index(), complete), "RTM_NEWLINK " + pf + " vf " + config.vf());
    }

    /** The PF's VFs as it reports them (empty for a device without SR-IOV). */
    public List<VfInfo> vfs(String pf) {
        return requireLink(pf).vfs();
    }

    // ================================================================== addresses

    /** {@code ip addr add PREFIX dev NAME}. */
    public void addAddress(String name, IpPrefix prefix) {
        socket.ack(RtnlRequests.addAddress(index(name), prefix, false), "RTM_NEWADDR " + prefix + " dev " + name);
    }

    /** {@code ip -6 addr add PREFIX dev NAME nodad}: usable at once, no duplicate address detection. */
    public void addAddressNoDad(String name, IpPrefix prefix) {
        socket.ack(RtnlRequests.addAddress(index(name), prefix, true), "RTM_NEWADDR " + prefix + " dev " + name);
    }

    public void deleteAddress(String name, IpPrefix prefix) {
        socket.ack(RtnlRequests.delAddress(index(name), prefix), "RTM_DELADDR " + prefix + " dev " + name);
    }

    /** {@code ip addr show}: every address of every family. */
    public List<Address> addresses() {
        return dump(RtnlRequests.dumpAddresses(), "RTM_GETADDR dump", Rtnl.RTM_NEWADDR, RtnlParser::address);
    }

    /** {@code ip addr show dev NAME}. */
    public List<Address> addresses(String name) {
        int index = index(name);
        return addresses().stream().filter(a -> a.index() == index).toList();
    }

    // ================================================================== routes

    /** {@code ip route add ...}; see {@link Route#defaultVia}, {@link Route#via}, {@link Route#onLink}. */
    public void addRoute(Route route) {
        socket.ack(RtnlRequests.addRoute(route), "RTM_NEWROUTE " + describe(route));
    }

    public void deleteRoute(Route route) {
        socket.ack(RtnlRequests.delRoute(route), "RTM_DELROUTE " + describe(route));
    }

    /** {@code ip route show} / {@code ip -6 route show}: the main table. */
    public List<Route> routes(boolean ipv6) {
        return dump(RtnlRequests.dumpRoutes(ipv6), "RTM_GETROUTE dump", Rtnl.RTM_NEWROUTE, RtnlParser::route);
    }

    /** Runs a dump and parses the messages of {@code type} (a dump may carry others, which are not ours to read). */
    private <T> List<T> dump(byte[] request, String op, int type, Function<NetlinkMessage, T> parser) {
        List<T> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(request, op)) {
            if (m.type() == type) {
                out.add(parser.apply(m));
            }
        }
        return out;
    }

    /** Convenience: the index of {@code name}, for building {@link Route}s. */
    public int ifindex(String name) {
        return index(name);
    }

    private static String describe(Route r) {
        return (r.isDefault() ? "default" : r.destination().toString())
                + r.gateway().map(g -> " via " + g.getHostAddress()).orElse("")
                + (r.outIndex() > 0 ? " dev #" + r.outIndex() : "");
    }

    /** The namespace this handle works in (a path, or "current"). */
    public String namespace() {
        return namespace;
    }

    @Override
    public void close() {
        socket.close();
    }
}
