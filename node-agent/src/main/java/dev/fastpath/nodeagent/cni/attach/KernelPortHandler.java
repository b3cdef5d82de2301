package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.Link;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netns.NetNs;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code kernel}: a switch port shown to the pod as an ordinary netdev. The switch creates a net_tap and moves it
 * into CNI_NETNS as CNI_IFNAME (up); this handler then sets the asked MTU/MAC and applies IPAM's addresses and
 * routes there, as for sriov. The port name is checkpointed before the port is added; DEL removes the port, and
 * the netdev (with its addresses) goes with it. No NPWG device-info: the spec has no netdev type.
 */
public final class KernelPortHandler implements AttachmentHandler {
    /** What the switch accepts as a kernel port's ifname. */
    private static final Pattern SWITCH_IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final Switch vswitch;
    private final SwitchErrors errors;

    public KernelPortHandler(NodeSwitch vswitch) {
        this.vswitch = vswitch.client();
        this.errors = new SwitchErrors(vswitch);
    }

    @Override
    public AttachmentType type() {
        return AttachmentType.KERNEL;
    }

    @Override
    public boolean publishesDeviceInfo() {
        return false;
    }

    @Override
    public void validate(CniRequest request) {
        if (!SWITCH_IFNAME.matcher(request.ifname()).matches()) {
            throw CniException.invalidEnv("CNI_IFNAME \"" + request.ifname() + "\": a kernel attachment's name may hold only letters,"
                    + " digits, '_', '.', '-'");
        }
        try {
            vswitch.listPorts();
        } catch (SwitchException e) {
            throw errors.unreachable(e);
        }
    }

    @Override
    public AttachOutcome add(AttachContext context) {
        CniRequest request = context.request();
        String port = "kp-" + VhostUserHandler.portName(request.containerId(), request.ifname()).substring(3);
        ObjectNode saved = CniJson.MAPPER.createObjectNode();
        saved.put("port", port);
        context.saveOriginal(saved); // before the port exists, so a crash from here on is rolled back
        int vlan = request.netConf().vlan() == null ? 0 : request.netConf().vlan();
        try {
            vswitch.addPort(new PortSpec.Kernel(port, Path.of(request.netns()), request.ifname(), vlan));
        } catch (SwitchException e) {
            throw errors.failure(e, "adding kernel port " + port + " as " + request.ifname() + " in " + request.netns());
        }
        String ifname = request.ifname();
        try (NetNs pod = NetNs.open(Path.of(request.netns())); Handle inPod = Handle.open(pod)) {
            if (request.netConf().mtu() != null) inPod.setMtu(ifname, request.netConf().mtu());
            if (request.netConf().effectiveMac() != null) inPod.setMac(ifname, MacAddress.parse(request.netConf().effectiveMac()));
            inPod.setUp(ifname);
            if (context.ipam() != null) PodAddresses.apply(inPod, ifname, context.ipam());
            Link now = inPod.requireLink(ifname);
            return new AttachOutcome(new CniResult.Interface(ifname, now.mac().map(MacAddress::toString).orElse(null), now.mtu(),
                    request.netns(), null, null), null);
        } catch (LinuxException e) {
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "configuring kernel port " + ifname + " in " + request.netns()
                    + " failed: " + e.getMessage(), e.kernelMessage().orElse(null), e);
        }
    }

    @Override
    public void del(AttachmentRecord record) {
        ObjectNode saved = record.savedState();
        if (saved == null || !saved.has("port")) return; // the ADD never got to make anything
        RequestLog log = new RequestLog("kernel " + record.network() + " " + record.key());
        String port = saved.get("port").asText();
        // The tap netdev dies with the port (or with the switch process, when that is down).
        errors.removePortForDel(vswitch, port, "kernel", "addresses and checkpoint entry", log);
    }

    @Override
    public int removeOrphans(Supplier<List<AttachmentRecord>> records, RequestLog log) {
        return OrphanSwitchPorts.remove(vswitch, "kp-", type().wireName(), records, log);
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        errors.requirePortForCheck(vswitch, record);
        PodInterfaceCheck.verify(record, false);
    }
}
