package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.DeviceInfo;
import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.RequestLog;
import java.nio.file.Path;
import java.time.Duration;
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
    /** How long DEL waits for the kernel to return a VF from a deleted pod namespace (its cleanup work is asynchronous). */
    static final Duration RETURN_WAIT = Duration.ofSeconds(3);
    private static final Duration RETURN_POLL = Duration.ofMillis(50);
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
        RequestLog log = new RequestLog("sriov " + record.network() + " " + record.key());
        String hostName = saved.get("hostIfname").asText();
        try (Handle host = Handle.open(); NetNs hostNs = NetNs.open(HOST_NETNS)) {
            PodSide pod = returnFromPod(record, hostName, hostNs);
            Optional<String> current = findInHost(host, record.deviceId());
            if (current.isEmpty() && pod == PodSide.NAMESPACE_GONE && vfs.hasNetdevDriverButNoNetdev(record.deviceId())) {
                // The kernel moves a VF out of a dying namespace in its cleanup work, after the namespace's path is
                // gone: a DEL that comes right after the pod's death can be early. Give the kernel a moment.
                log.info("VF " + record.deviceId() + " is not back in the host yet (pod namespace " + record.netns() + " is gone):"
                        + " waiting up to " + RETURN_WAIT.toMillis() + " ms for the kernel to return it");
                current = awaitInHost(host, record.deviceId());
            }
            if (current.isPresent()) {
                String name = current.get();
                if (pod != PodSide.MOVED_HOME && !name.equals(hostName)) {
                    log.info("VF " + record.deviceId() + " is in the host as " + name + " (returned by the kernel from the deleted pod namespace "
                            + record.netns() + "): renaming it back to " + hostName);
                }
                host.setDown(name);
                if (!name.equals(hostName)) host.rename(name, hostName);
                if (saved.hasNonNull("mtu")) host.setMtu(hostName, saved.get("mtu").asInt());
                if (saved.hasNonNull("mac")) host.setMac(hostName, MacAddress.parse(saved.get("mac").asText()));
                if (saved.path("up").asBoolean(false)) host.setUp(hostName);
            } else {
                log.warn("VF " + record.deviceId() + " (host name " + hostName + ") is neither in " + record.netns()
                        + " nor in the host namespace (looked up by PCI address: parent device, sysfs): its netdev is gone, nothing to restore on it;"
                        + " DEL goes on");
            }
            try {
                PfSideSettings.restore(host, saved);
            } catch (LinuxException e) {
                if (!e.is(Errno.ENODEV)) throw e;
                log.warn("PF of VF " + record.deviceId() + " is gone: its PF-side settings cannot be restored");
            }
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "returning VF " + record.deviceId() + " to the host as " + hostName
                    + " failed: " + e.getMessage(), e.kernelMessage().orElse(null), e);
        }
    }

    /** Where the VF's netdev stood when DEL looked into the pod. */
    private enum PodSide { MOVED_HOME, NAMESPACE_GONE, NOT_IN_POD }

    /** If the pod namespace still exists and holds the netdev, moves it home under its original name. */
    private static PodSide returnFromPod(AttachmentRecord record, String hostName, NetNs hostNs) {
        NetNs pod;
        try {
            pod = NetNs.open(Path.of(record.netns()));
        } catch (LinuxException e) {
            return PodSide.NAMESPACE_GONE; // the kernel returns a physical netdev to the host by itself
        }
        try (pod; Handle inPod = Handle.open(pod)) {
            if (inPod.link(record.ifname()).isEmpty()) return PodSide.NOT_IN_POD;
            inPod.setDown(record.ifname());
            inPod.moveToNetns(record.ifname(), hostNs, Optional.of(hostName));
            return PodSide.MOVED_HOME;
        }
    }

    /** {@link #findInHost} until it finds the netdev or {@link #RETURN_WAIT} has passed. */
    private Optional<String> awaitInHost(Handle host, String deviceId) {
        long deadline = System.nanoTime() + RETURN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(RETURN_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Optional<String> found = findInHost(host, deviceId);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /**
     * The VF's netdev in the host, by the VF's PCI address: the netdev whose parent device it is (real VFs report
     * it from Linux 5.16), else the netdev sysfs lists under the VF (sysfs follows renames and shows only this
     * namespace's netdevs). The kernel returns a VF from a deleted namespace under its pod-side name, or {@code
     * dev<ifindex>} when that is taken. Names alone are never trusted: in the host, the original or the pod-side
     * name may belong to any other device.
     */
    private Optional<String> findInHost(Handle host, String deviceId) {
        List<Link> links = host.links();
        for (Link l : links) {
            if (l.parentBus().filter("pci"::equals).isPresent() && l.parentDevice().filter(deviceId::equalsIgnoreCase).isPresent()) {
                return Optional.of(l.name());
            }
        }
        Optional<String> fromSysfs = vfs.netdevOf(deviceId);
        if (fromSysfs.isPresent() && links.stream().anyMatch(l -> l.name().equals(fromSysfs.get()))) return fromSysfs;
        return Optional.empty();
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        PodInterfaceCheck.verify(record, true);
        PfSideSettings.checkAttached(vfs, record, request, false);
    }
}
