package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.DeviceInfo;
import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Address;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.IpPrefix;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code sriov}: the VF's kernel netdev (iavf) moves into the pod namespace, renamed to CNI_IFNAME, gets
 * the MTU and MAC asked for, comes up, and gets IPAM's addresses and routes. PF-side settings (VLAN, spoof
 * check, trust, link state, rates) are applied on the PF when asked. The original name, MAC, MTU and PF-side
 * values are checkpointed first; DEL moves the netdev back under its original name and restores them, and
 * when the pod namespace is already gone it finds the netdev in the host by the VF's PCI address.
 */
public final class SriovNetdevHandler implements AttachmentHandler {
    private static final Path HOST_NETNS = Path.of("/proc/self/ns/net");
    private final VfLookup vfs;

    public SriovNetdevHandler(VfLookup vfs) {
        this.vfs = vfs;
    }

    @Override
    public AttachmentType type() {
        return AttachmentType.SRIOV;
    }

    @Override
    public void validate(CniRequest request) {
        VirtualFunction vf = vfs.require(request.netConf().effectiveDeviceId());
        String driver = vf.driver().orElse("(none)");
        if (driver.equals(SriovDpdkHandler.VFIO)) {
            throw CniException.invalidConfig("VF " + vf.address() + " is bound to vfio-pci and has no netdev; a sriov attachment needs a"
                    + " kernel-driver VF (use attachment sriov-dpdk, or a netdevice pool)");
        }
        String netdev = vf.netdev().orElseThrow(() -> CniException.invalidConfig("VF " + vf.address() + " (driver " + driver
                + ") has no netdev in the host namespace: is it already in use by another pod?"));
        try (Handle host = Handle.open()) {
            if (host.link(netdev).isEmpty()) {
                throw CniException.invalidConfig("VF " + vf.address() + " netdev " + netdev + " is not in the host namespace");
            }
        }
        if (PfSideSettings.requested(request.netConf(), vf.index(), false).isPresent()) vfs.pfNetdev(vf);
    }

    @Override
    public AttachOutcome add(AttachContext context) {
        CniRequest request = context.request();
        VirtualFunction vf = vfs.require(request.netConf().effectiveDeviceId());
        String hostName = vf.netdev().orElseThrow(() -> new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "VF " + vf.address() + " lost its netdev"));
        String ifname = request.ifname();
        try (Handle host = Handle.open(); NetNs pod = NetNs.open(Path.of(request.netns()))) {
            Link original = host.requireLink(hostName);
            ObjectNode saved = PfSideSettings.newSavedState();
            saved.put("hostIfname", hostName);
            saved.put("mac", original.mac().map(MacAddress::toString).orElse(null));
            saved.put("mtu", original.mtu());
            saved.put("up", original.isUp());
            context.saveOriginal(saved);

            Optional<VfConfig> pfSettings = PfSideSettings.requested(request.netConf(), vf.index(), false);
            if (pfSettings.isPresent()) PfSideSettings.apply(host, vfs.pfNetdev(vf), vf, pfSettings.get(), saved, context);

            host.setDown(hostName);
            host.moveToNetns(hostName, pod, Optional.of(ifname));
            try (Handle inPod = Handle.open(pod)) {
                if (request.netConf().mtu() != null) inPod.setMtu(ifname, request.netConf().mtu());
                if (request.netConf().effectiveMac() != null) inPod.setMac(ifname, MacAddress.parse(request.netConf().effectiveMac()));
                inPod.setUp(ifname);
                if (context.ipam() != null) PodAddresses.apply(inPod, ifname, context.ipam());
                Link now = inPod.requireLink(ifname);
                CniResult.Interface iface = new CniResult.Interface(ifname, now.mac().map(MacAddress::toString).orElse(null), now.mtu(),
                        request.netns(), null, vf.address().toString());
                return new AttachOutcome(iface, DeviceInfo.pci(vf.address().toString(), vf.physicalFunction().toString()));
            }
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "attaching VF " + vf.address() + " (" + hostName + ") as "
                    + ifname + " failed: " + e.getMessage(), e.kernelMessage().orElse(null), e);
        }
    }

    @Override
    public void del(AttachmentRecord record) {
        ObjectNode saved = record.savedState();
        if (saved == null || !saved.has("hostIfname")) return; // the ADD never got to change anything
        String hostName = saved.get("hostIfname").asText();
        try (Handle host = Handle.open(); NetNs hostNs = NetNs.open(HOST_NETNS)) {
            returnFromPod(record, hostName, hostNs);
            Optional<String> current = findInHost(host, record.deviceId(), hostName, record.ifname());
            if (current.isPresent()) {
                String name = current.get();
                host.setDown(name);
                if (!name.equals(hostName)) host.rename(name, hostName);
                if (saved.hasNonNull("mtu")) host.setMtu(hostName, saved.get("mtu").asInt());
                if (saved.hasNonNull("mac")) host.setMac(hostName, MacAddress.parse(saved.get("mac").asText()));
                if (saved.path("up").asBoolean(false)) host.setUp(hostName);
            }
            try {
                PfSideSettings.restore(host, saved);
            } catch (LinuxException e) {
                if (!e.is(Errno.ENODEV)) throw e;
            }
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "returning VF " + record.deviceId() + " to the host as " + hostName
                    + " failed: " + e.getMessage(), e.kernelMessage().orElse(null), e);
        }
    }

    /** If the pod namespace still exists and holds the netdev, move it home under its original name. */
    private static void returnFromPod(AttachmentRecord record, String hostName, NetNs hostNs) {
        NetNs pod;
        try {
            pod = NetNs.open(Path.of(record.netns()));
        } catch (LinuxException e) {
            return; // pod namespace gone: the kernel returned a physical netdev to the host already
        }
        try (pod; Handle inPod = Handle.open(pod)) {
            if (inPod.link(record.ifname()).isEmpty()) return;
            inPod.setDown(record.ifname());
            inPod.moveToNetns(record.ifname(), hostNs, Optional.of(hostName));
        }
    }

    /**
     * The VF's netdev in the host: by its PCI parent (real VFs report it), else the name sysfs gives for the
     * VF, else the original or pod-side name (a netdev returned from a deleted namespace keeps its pod name).
     */
    private Optional<String> findInHost(Handle host, String deviceId, String hostName, String podName) {
        List<Link> links = host.links();
        for (Link l : links) {
            if (l.parentBus().filter("pci"::equals).isPresent() && l.parentDevice().filter(deviceId::equalsIgnoreCase).isPresent()) {
                return Optional.of(l.name());
            }
        }
        try {
            Optional<String> fromSysfs = vfs.require(deviceId).netdev();
            if (fromSysfs.isPresent() && host.link(fromSysfs.get()).isPresent()) return fromSysfs;
        } catch (CniException e) {
            // the VF itself is gone from sysfs
        }
        for (String name : List.of(hostName, podName)) {
            if (host.link(name).isPresent() && links.stream().anyMatch(l -> l.name().equals(name) && l.parentDevice().isEmpty() && !name.equals(podName))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        NetNs pod;
        try {
            pod = NetNs.open(Path.of(record.netns()));
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "pod network namespace " + record.netns() + " is gone");
        }
        try (pod; Handle inPod = Handle.open(pod)) {
            Link link = inPod.link(record.ifname()).orElseThrow(() -> new CniException(CniErrorCode.ATTACHMENT_DRIFTED,
                    "interface " + record.ifname() + " is missing from " + record.netns()));
            if (!link.isUp()) throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "interface " + record.ifname() + " is down");
            JsonNode iface = record.result() == null ? null : findInterface(record.result(), record.ifname());
            if (iface != null) {
                String mac = link.mac().map(MacAddress::toString).orElse("");
                if (iface.hasNonNull("mac") && !iface.get("mac").asText().equalsIgnoreCase(mac)) {
                    throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, record.ifname() + " has MAC " + mac + ", ADD gave " + iface.get("mac").asText());
                }
                if (iface.hasNonNull("mtu") && iface.get("mtu").asInt() != link.mtu()) {
                    throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, record.ifname() + " has MTU " + link.mtu() + ", ADD gave " + iface.get("mtu").asInt());
                }
            }
            if (record.ipamResult() != null) {
                List<IpPrefix> present = inPod.addresses(record.ifname()).stream().map(Address::prefix).toList();
                for (JsonNode ip : record.ipamResult().path("ips")) {
                    IpPrefix want = IpPrefix.parse(ip.path("address").asText());
                    if (!present.contains(want)) throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, record.ifname() + " lost address " + want);
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
}
