package dev.fastpath.operator.admission;

import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.operator.attachment.PoolFacts;

import java.util.List;
import java.util.Optional;

/**
 * What the CRD schema cannot check about a NetworkAttachment: its VF pool is defined by some NodePolicy, and
 * the pool's driver suits the attachment type ({@code sriov} needs iavf VFs, a kernel netdev in the pod;
 * {@code sriov-dpdk} needs vfio-pci VFs for DPDK and VMs).
 */
public final class NetworkAttachmentValidator {

    private NetworkAttachmentValidator() {
    }

    public static AdmissionDecision validate(NetworkAttachment attachment, List<NodePolicy> policies) {
        if (attachment.getSpec() == null || attachment.getSpec().getType() == null) {
            return AdmissionDecision.deny("spec.type: required");
        }
        AttachmentType type = attachment.getSpec().getType();
        if (type != AttachmentType.SRIOV && type != AttachmentType.SRIOV_DPDK) {
            return AdmissionDecision.allow();
        }
        String pool = attachment.getSpec().getPool();
        if (pool == null || pool.isBlank()) {
            return AdmissionDecision.deny("spec.pool: required for type " + type);
        }
        VfDriver needed = type == AttachmentType.SRIOV ? VfDriver.IAVF : VfDriver.VFIO_PCI;
        boolean defined = false;
        for (NodePolicy policy : policies) {
            Optional<VfDriver> driver = PoolFacts.driverOf(policy, pool);
            if (driver.isEmpty()) {
                continue;
            }
            defined = true;
            if (driver.get() != needed) {
                return AdmissionDecision.deny("spec.type: " + type + " needs a pool of " + needed + " VFs, but pool '"
                        + pool + "' binds its VFs to " + driver.get() + " in NodePolicy "
                        + policy.getMetadata().getName() + " (spec.pool)");
            }
        }
        if (!defined) {
            return AdmissionDecision.deny("spec.pool: no NodePolicy defines pool '" + pool + "'");
        }
        return AdmissionDecision.allow();
    }
}
