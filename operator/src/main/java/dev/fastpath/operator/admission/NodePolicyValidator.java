package dev.fastpath.operator.admission;

import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.PfStatus;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.operator.nodestate.NodeSelectors;
import dev.fastpath.operator.nodestate.PfSelection;
import dev.fastpath.operator.nodestate.VfRange;
import io.fabric8.kubernetes.api.model.Node;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the CRD schema cannot check about a NodePolicy, against the cluster as it is now:
 * <ul>
 * <li>on every node both select, no vfGroups range overlaps a range another policy gives the same PF;</li>
 * <li>{@code numVfs} does not exceed {@code sriov_totalvfs} of any PF it selects on the nodes it matches (as
 * their NodeState status reports);</li>
 * <li>a pool binds its VFs to one driver across all policies (pods of one pool expect one kind of device).</li>
 * </ul>
 */
public final class NodePolicyValidator {

    private NodePolicyValidator() {
    }

    public static AdmissionDecision validate(NodePolicy policy, List<NodePolicy> others, List<Node> nodes,
                                             List<NodeState> states) {
        if (policy.getSpec() == null) {
            return AdmissionDecision.deny("spec: required");
        }
        String name = policy.getMetadata().getName();
        List<NodePolicy> rivals = others.stream().filter(o -> !Objects.equals(o.getMetadata().getName(), name))
                .filter(o -> o.getSpec() != null).toList();
        List<VfGroup> groups = policy.getSpec().getVfGroups() == null ? List.of() : policy.getSpec().getVfGroups();

        for (int i = 0; i < groups.size(); i++) {
            VfGroup group = groups.get(i);
            VfDriver driver = group.getDriver() == null ? VfDriver.IAVF : group.getDriver();
            for (NodePolicy rival : rivals) {
                for (VfGroup theirs : rival.getSpec().getVfGroups() == null ? List.<VfGroup>of() : rival.getSpec().getVfGroups()) {
                    VfDriver theirDriver = theirs.getDriver() == null ? VfDriver.IAVF : theirs.getDriver();
                    if (Objects.equals(theirs.getPool(), group.getPool()) && theirDriver != driver) {
                        return AdmissionDecision.deny("spec.vfGroups[" + i + "].driver: pool '" + group.getPool()
                                + "' is bound to " + theirDriver + " by NodePolicy " + rival.getMetadata().getName()
                                + "; one pool has one driver");
                    }
                }
            }
        }

        Map<String, NodeState> stateByNode = states.stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity(), (a, b) -> a));
        int numVfs = policy.getSpec().getNumVfs() == null ? 0 : policy.getSpec().getNumVfs();
        for (Node node : nodes) {
            if (!NodeSelectors.selects(policy, node)) {
                continue;
            }
            String nodeName = node.getMetadata().getName();
            NodeState state = stateByNode.get(nodeName);
            List<PfStatus> inventory = state == null || state.getStatus() == null ? null : state.getStatus().getPfs();
            List<PfSelection.Pf> mine = PfSelection.select(policy.getSpec().getNicSelector(), inventory);
            for (PfSelection.Pf pf : mine) {
                if (pf.totalVfs() != null && numVfs > pf.totalVfs()) {
                    return AdmissionDecision.deny("spec.numVfs: " + numVfs + " exceeds sriov_totalvfs " + pf.totalVfs()
                            + " of PF " + pf.name() + " on node " + nodeName);
                }
            }
            for (NodePolicy rival : rivals) {
                if (!NodeSelectors.selects(rival, node)) {
                    continue;
                }
                List<String> shared = PfSelection.select(rival.getSpec().getNicSelector(), inventory).stream()
                        .map(PfSelection.Pf::name).filter(n -> mine.stream().anyMatch(m -> m.name().equals(n))).toList();
                if (shared.isEmpty()) {
                    continue;
                }
                for (int i = 0; i < groups.size(); i++) {
                    VfRange range = VfRange.parse(groups.get(i).getRange());
                    for (VfGroup theirs : rival.getSpec().getVfGroups() == null ? List.<VfGroup>of() : rival.getSpec().getVfGroups()) {
                        if (range.overlaps(VfRange.parse(theirs.getRange()))) {
                            return AdmissionDecision.deny("spec.vfGroups[" + i + "].range: " + range + " on PF "
                                    + shared.getFirst() + " (node " + nodeName + ") overlaps range " + theirs.getRange()
                                    + " of NodePolicy " + rival.getMetadata().getName());
                        }
                    }
                }
            }
        }
        return AdmissionDecision.allow();
    }
}
