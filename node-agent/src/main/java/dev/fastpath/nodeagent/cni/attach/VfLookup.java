package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.sysfs.PciAddress;
import dev.fastpath.nativeaccess.sysfs.SriovSysfs;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import dev.fastpath.nodeagent.cni.CniException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the VF named by runtimeConfig.deviceID in sysfs and says precisely why when it is not usable. */
public final class VfLookup {
    private final SriovSysfs sysfs;

    public VfLookup(SriovSysfs sysfs) {
        this.sysfs = sysfs;
    }

    public SriovSysfs sysfs() {
        return sysfs;
    }

    public VirtualFunction require(String deviceId) {
        PciAddress address;
        try {
            address = PciAddress.parse(deviceId);
        } catch (IllegalArgumentException e) {
            throw CniException.invalidConfig("runtimeConfig.deviceID \"" + deviceId + "\" is not a PCI address");
        }
        Path dir = sysfs.sysRoot().resolve("bus/pci/devices").resolve(address.toString());
        if (!Files.isDirectory(dir)) {
            throw CniException.invalidConfig("runtimeConfig.deviceID " + address + ": no such PCI device (" + dir + " does not exist)");
        }
        if (sysfs.physicalFunctionOf(address).isEmpty()) {
            throw CniException.invalidConfig("runtimeConfig.deviceID " + address + " is not an SR-IOV virtual function (no physfn link)");
        }
        try {
            return sysfs.virtualFunctionAt(address);
        } catch (LinuxException e) {
            throw CniException.invalidConfig("runtimeConfig.deviceID " + address + ": " + e.getMessage());
        }
    }

    /** The netdev sysfs lists for the VF at {@code deviceId}; empty when there is none or the VF itself is gone (DEL). */
    public java.util.Optional<String> netdevOf(String deviceId) {
        try {
            return require(deviceId).netdev();
        } catch (CniException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * True when the VF at {@code deviceId} is bound to a kernel netdev driver (not vfio-pci) but sysfs lists no
     * netdev for it in this namespace: its netdev is in another namespace, or on its way back from a dying one.
     */
    public boolean hasNetdevDriverButNoNetdev(String deviceId) {
        try {
            VirtualFunction vf = require(deviceId);
            return vf.driver().filter(d -> !d.equals(SriovDpdkHandler.VFIO)).isPresent() && vf.netdev().isEmpty();
        } catch (CniException e) {
            return false;
        }
    }

    /** The PF's netdev in the host namespace, where PF-side VF settings are sent. */
    public String pfNetdev(VirtualFunction vf) {
        return sysfs.device(vf.physicalFunction()).netdev().orElseThrow(() -> CniException.invalidConfig(
                "the PF " + vf.physicalFunction() + " of VF " + vf.address() + " has no netdev, so its VF settings cannot be applied"));
    }
}
