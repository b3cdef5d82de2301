package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Address;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import java.nio.file.Path;
import java.util.List;

/**
 * CHECK of a netdev an attachment put into the pod (sriov, kernel): the namespace is there, the interface is
 * there and up, and it still has every address IPAM gave; drift is code 101 naming what changed.
 */
final class PodInterfaceCheck {
    private PodInterfaceCheck() {}

    /** @param resultMacAndMtu also compare MAC and MTU with what ADD reported in its result */
    static void verify(AttachmentRecord record, boolean resultMacAndMtu) {
        NetNs pod;
        try {
            pod = NetNs.open(Path.of(record.netns()));
        } catch (LinuxException e) {
            throw drifted("pod network namespace " + record.netns() + " is gone");
        }
        try (pod; Handle inPod = Handle.open(pod)) {
            Link link = inPod.link(record.ifname()).orElseThrow(() -> drifted("interface " + record.ifname() + " is missing from " + record.netns()));
            if (!link.isUp()) throw drifted("interface " + record.ifname() + " is down");
            JsonNode iface = resultMacAndMtu && record.result() != null ? findInterface(record.result(), record.ifname()) : null;
            if (iface != null) {
                String mac = link.mac().map(MacAddress::toString).orElse("");
                if (iface.hasNonNull("mac") && !iface.get("mac").asText().equalsIgnoreCase(mac)) {
                    throw drifted(record.ifname() + " has MAC " + mac + ", ADD gave " + iface.get("mac").asText());
                }
                if (iface.hasNonNull("mtu") && iface.get("mtu").asInt() != link.mtu()) {
                    throw drifted(record.ifname() + " has MTU " + link.mtu() + ", ADD gave " + iface.get("mtu").asInt());
                }
            }
            if (record.ipamResult() != null) {
                List<IpPrefix> present = inPod.addresses(record.ifname()).stream().map(Address::prefix).toList();
                for (JsonNode ip : record.ipamResult().path("ips")) {
                    IpPrefix want = IpPrefix.parse(ip.path("address").asText());
                    if (!present.contains(want)) throw drifted(record.ifname() + " lost address " + want);
                }
            }
        }
    }

    private static JsonNode findInterface(JsonNode result, String name) {
        for (JsonNode i : result.path("interfaces")) {
            if (name.equals(i.path("name").asText())) return i;
        }
        return null;
    }

    private static CniException drifted(String message) {
        return new CniException(CniErrorCode.ATTACHMENT_DRIFTED, message);
    }
}
