package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.DeviceInfo;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.netlink.Handle;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import java.util.Optional;

/**
 * {@code sriov-dpdk}: the VF stays bound to vfio-pci for a DPDK application or a VM; nothing enters the pod
 * namespace. The pod learns its VF from the result's {@code pciID} and the NPWG device-info file. IPAM is
 * allocated and reported (the application configures it), not applied. PF-side settings are applied when
 * the netconf asks for them, and restored on DEL.
 */
public final class SriovDpdkHandler implements AttachmentHandler {
    static final String VFIO = "vfio-pci";
    private final VfLookup vfs;

    public SriovDpdkHandler(VfLookup vfs) {
        this.vfs = vfs;
    }

    @Override
    public AttachmentType type() {
        return AttachmentType.SRIOV_DPDK;
    }

    @Override
    public void validate(CniRequest request) {
        VirtualFunction vf = vfs.require(request.netConf().effectiveDeviceId());
        String driver = vf.driver().orElse("(none)");
        if (!driver.equals(VFIO)) {
            throw CniException.invalidConfig("VF " + vf.address() + " is bound to " + driver + ", but a sriov-dpdk attachment needs "
                    + VFIO + " (is pool " + request.netConf().pool() + " a vfio-pci pool?)");
        }
        if (PfSideSettings.requested(request.netConf(), vf.index(), true).isPresent()) vfs.pfNetdev(vf);
    }

    @Override
    public AttachOutcome add(AttachContext context) {
        CniRequest request = context.request();
        VirtualFunction vf = vfs.require(request.netConf().effectiveDeviceId());
        Optional<VfConfig> pfSettings = PfSideSettings.requested(request.netConf(), vf.index(), true);
        if (pfSettings.isPresent()) {
            ObjectNode saved = PfSideSettings.newSavedState();
            try (Handle host = Handle.open()) {
                PfSideSettings.apply(host, vfs.pfNetdev(vf), vf, pfSettings.get(), saved, context);
            }
        }
        CniResult.Interface iface = new CniResult.Interface(request.ifname(), request.netConf().effectiveMac(), request.netConf().mtu(),
                request.netns(), null, vf.address().toString());
        return new AttachOutcome(iface, DeviceInfo.pci(vf.address().toString(), vf.physicalFunction().toString()));
    }

    @Override
    public void del(AttachmentRecord record) {
        if (record.savedState() == null || !record.savedState().has("pf")) return;
        try (Handle host = Handle.open()) {
            PfSideSettings.restore(host, record.savedState());
        } catch (LinuxException e) {
            if (e.is(dev.fastpath.nativeaccess.Errno.ENODEV)) return; // the PF is gone: nothing left to restore
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "cannot restore the PF-side settings of VF " + record.deviceId(), e.getMessage(), e);
        }
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        VirtualFunction vf;
        try {
            vf = vfs.require(record.deviceId());
        } catch (CniException e) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "VF " + record.deviceId() + " of this attachment is gone: " + e.getMessage());
        }
        String driver = vf.driver().orElse("(none)");
        if (!driver.equals(VFIO)) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "VF " + vf.address() + " is now bound to " + driver + ", not " + VFIO);
        }
        PfSideSettings.checkAttached(vfs, record, request, true);
    }
}
