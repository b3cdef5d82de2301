package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NodeStateSpec;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.VfGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells disruptive NodeState changes from live ones. Disruptive: a PF's {@code numVfs} changes (the kernel
 * recreates every VF: i40e needs 0 first), a PF that had VFs loses its configuration, or a VF index that exists
 * before and after changes driver (iavf <-> vfio-pci unbinds the device under the workload). Everything else
 * (VLAN-only, MTU, pools of unchanged VFs, flow rules, a PF that gains configuration, the switch) is live.
 */
public final class Disruption {

    private Disruption() {
    }

    public static boolean isDisruptive(NodeStateSpec current, NodeStateSpec desired) {
        return !disruptedPfs(current, desired).isEmpty();
    }

    /** Names of PFs whose change from {@code current} to {@code desired} is disruptive. */
    public static List<String> disruptedPfs(NodeStateSpec current, NodeStateSpec desired) {
        List<String> result = new ArrayList<>();
        Map<String, PfSpec> wanted = byName(desired);
        for (PfSpec now : pfs(current)) {
            PfSpec next = wanted.get(now.getName());
            int nowVfs = now.getNumVfs() == null ? 0 : now.getNumVfs();
            if (next == null) {
                if (nowVfs > 0) {
                    result.add(now.getName());
                }
                continue;
            }
            int nextVfs = next.getNumVfs() == null ? 0 : next.getNumVfs();
            if (nowVfs != nextVfs || driverChanged(now, next, Math.min(nowVfs, nextVfs))) {
                result.add(now.getName());
            }
        }
        return result;
    }

    /**
     * The spec to write while the node waits for its turn: {@code desired}, except that every disruptively
     * changed PF keeps its current VF layout (numVfs and vfGroups). Live parts apply at once everywhere.
     */
    public static NodeStateSpec holdBack(NodeStateSpec current, NodeStateSpec desired) {
        List<String> held = disruptedPfs(current, desired);
        if (held.isEmpty()) {
            return desired;
        }
        Map<String, PfSpec> now = byName(current);
        List<PfSpec> merged = new ArrayList<>();
        for (PfSpec next : pfs(desired)) {
            PfSpec old = now.get(next.getName());
            if (old != null && held.contains(next.getName())) {
                merged.add(new PfSpec().withName(next.getName()).withPci(next.getPci()).withPolicy(next.getPolicy())
                        .withNumVfs(old.getNumVfs()).withVfGroups(liveGroupChanges(old.getVfGroups(), next.getVfGroups()))
                        .withFlowRules(next.getFlowRules()));
            } else {
                merged.add(next);
            }
        }
        for (PfSpec old : pfs(current)) {
            if (held.contains(old.getName()) && merged.stream().noneMatch(p -> p.getName().equals(old.getName()))) {
                merged.add(old); // removal is disruptive too: keep the PF until its turn
            }
        }
        return new NodeStateSpec().withPfs(merged.isEmpty() ? null : merged)
                .withSwitchConfig(desired.getSwitchConfig()).withPolicies(desired.getPolicies());
    }

    /**
     * The current groups (same ranges, same drivers) with what can change live taken from the desired group of the
     * same range: MTU, and the pool when the driver stays.
     */
    private static List<VfGroup> liveGroupChanges(List<VfGroup> current, List<VfGroup> desired) {
        if (current == null) {
            return null;
        }
        List<VfGroup> result = new ArrayList<>();
        for (VfGroup group : current) {
            VfGroup wanted = desired == null ? null : desired.stream()
                    .filter(d -> Objects.equals(d.getRange(), group.getRange())).findFirst().orElse(null);
            if (wanted == null || !Objects.equals(driverName(wanted), driverName(group))) {
                result.add(group);
            } else {
                result.add(new VfGroup().withRange(group.getRange()).withDriver(group.getDriver())
                        .withPool(wanted.getPool()).withMtu(wanted.getMtu()));
            }
        }
        return result;
    }

    private static String driverName(VfGroup group) {
        return group.getDriver() == null ? "iavf" : group.getDriver().toString();
    }

    private static boolean driverChanged(PfSpec now, PfSpec next, int commonVfs) {
        for (int index = 0; index < commonVfs; index++) {
            if (!Objects.equals(driverOf(now, index), driverOf(next, index))) {
                return true;
            }
        }
        return false;
    }

    /** The driver a VF index gets; VFs outside every group stay on the default (iavf), written as null. */
    private static String driverOf(PfSpec pf, int index) {
        if (pf.getVfGroups() == null) {
            return null;
        }
        for (VfGroup group : pf.getVfGroups()) {
            if (VfRange.parse(group.getRange()).contains(index)) {
                String driver = group.getDriver() == null ? null : String.valueOf(group.getDriver());
                return driver == null || driver.equalsIgnoreCase("iavf") ? null : driver;
            }
        }
        return null;
    }

    private static Map<String, PfSpec> byName(NodeStateSpec spec) {
        Map<String, PfSpec> map = new HashMap<>();
        for (PfSpec pf : pfs(spec)) {
            map.put(pf.getName(), pf);
        }
        return map;
    }

    private static List<PfSpec> pfs(NodeStateSpec spec) {
        return spec == null || spec.getPfs() == null ? List.of() : spec.getPfs();
    }
}
