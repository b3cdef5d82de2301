package dev.fastpath.operator.attachment;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.api.v1alpha1.VfStatus;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which pools policies define and nodes offer. Switch ports count as the pseudo-pool
 * {@link FastpathResources#VHOST_USER_POOL}: defined by a policy that enables the switch, offered by a node
 * whose NodeState enables it and is Ready.
 */
public final class PoolFacts {

    private PoolFacts() {
    }

    /** The pool key an attachment depends on: its VF pool, or the switch pseudo-pool for port types. */
    public static String poolKey(NetworkAttachment attachment) {
        AttachmentType type = attachment.getSpec() == null ? null : attachment.getSpec().getType();
        if (type == AttachmentType.SRIOV || type == AttachmentType.SRIOV_DPDK) {
            String pool = attachment.getSpec().getPool();
            return pool == null ? "" : pool;
        }
        return FastpathResources.VHOST_USER_POOL;
    }

    public static Set<String> poolsDefinedBy(NodePolicy policy) {
        Set<String> pools = new LinkedHashSet<>();
        if (policy.getSpec() == null) {
            return pools;
        }
        if (policy.getSpec().getVfGroups() != null) {
            policy.getSpec().getVfGroups().forEach(g -> pools.add(g.getPool()));
        }
        if (policy.getSpec().getSwitchConfig() != null && Boolean.TRUE.equals(policy.getSpec().getSwitchConfig().getEnabled())) {
            pools.add(FastpathResources.VHOST_USER_POOL);
        }
        return pools;
    }

    public static Set<String> poolsOfferedBy(NodeState state) {
        Set<String> pools = new LinkedHashSet<>();
        if (state.getStatus() != null && state.getStatus().getVfs() != null) {
            for (VfStatus vf : state.getStatus().getVfs()) {
                if (vf.getPool() != null) {
                    pools.add(vf.getPool());
                }
            }
        }
        boolean switchWanted = state.getSpec() != null && state.getSpec().getSwitchConfig() != null
                && Boolean.TRUE.equals(state.getSpec().getSwitchConfig().getEnabled());
        if (switchWanted && state.getStatus() != null && Conditions.isTrue(state.getStatus().getConditions(), Conditions.READY)) {
            pools.add(FastpathResources.VHOST_USER_POOL);
        }
        return pools;
    }

    /** The driver a policy binds the pool's VFs to, if this policy defines the pool. */
    public static Optional<VfDriver> driverOf(NodePolicy policy, String pool) {
        if (policy.getSpec() == null || policy.getSpec().getVfGroups() == null) {
            return Optional.empty();
        }
        for (VfGroup group : policy.getSpec().getVfGroups()) {
            if (pool.equals(group.getPool())) {
                return Optional.of(group.getDriver() == null ? VfDriver.IAVF : group.getDriver());
            }
        }
        return Optional.empty();
    }
}
