package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Route;

/** IPAM's addresses and routes on an interface inside the pod namespace (the sriov and kernel attachments). */
final class PodAddresses {
    private PodAddresses() {}

    /** Addresses, then routes; a route without a gateway uses the gateway of an address of its family (CNI ipam.ConfigureIface). */
    static void apply(Handle inPod, String ifname, CniResult ipam) {
        for (CniResult.Ip ip : ipam.ips()) {
            IpPrefix prefix = IpPrefix.parse(ip.address());
            if (prefix.isIpv4()) inPod.addAddress(ifname, prefix);
            else inPod.addAddressNoDad(ifname, prefix);
        }
        int index = inPod.ifindex(ifname);
        for (CniResult.Route r : ipam.routes()) {
            IpPrefix dst = IpPrefix.parse(r.dst());
            String gw = r.gw() != null ? r.gw() : ipam.ips().stream()
                    .filter(ip -> ip.gateway() != null && IpPrefix.parse(ip.address()).isIpv4() == dst.isIpv4())
                    .map(CniResult.Ip::gateway).findFirst().orElse(null);
            if (gw == null) inPod.addRoute(Route.onLink(dst, index));
            else if (dst.prefixLength() == 0) inPod.addRoute(Route.defaultVia(IpPrefix.literal(gw), index));
            else inPod.addRoute(Route.via(dst, IpPrefix.literal(gw), index));
        }
    }
}
