package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.FlowRule;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodePolicySpec;
import dev.fastpath.api.v1alpha1.NodeStateSpec;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.PfStatus;
import dev.fastpath.api.v1alpha1.VfGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the NodePolicies that select one node into that node's desired NodeState spec.
 *
 * <p>Priority works as in sriov-network-operator: a LOWER number is a HIGHER priority (0 wins over 99); ties are
 * broken by policy name. Policies are applied from the highest priority down. On each PF:
 * <ul>
 * <li>{@code numVfs} is the largest any contributing policy asks for (a lower-priority policy may need more VFs
 * for its own ranges, and creating VFs nobody uses harms no one);</li>
 * <li>a vfGroup whose range overlaps a range already taken by a higher-priority policy is refused: it is left
 * out and reported as a {@link Refusal} naming both policies and the PF;</li>
 * <li>flow rules are merged by name; a rule whose name or location is already taken is left out;</li>
 * <li>the PF records the highest-priority policy in {@code policy}.</li>
 * </ul>
 * The switch comes from the highest-priority policy that configures one.
 */
public final class PolicyMerger {

    /** A vfGroup of {@code policy} not applied on {@code pf} because {@code winner} holds an overlapping range. */
    public record Refusal(String policy, String range, String pf, String winner, String winnerRange) {

        public String message() {
            return "vfGroups range " + range + " on PF " + pf + " overlaps range " + winnerRange
                    + " of higher-priority NodePolicy " + winner;
        }
    }

    public record Result(NodeStateSpec spec, List<Refusal> refusals) {
    }

    /** Highest priority first: lower number first, then name. */
    public static final Comparator<NodePolicy> PRIORITY_ORDER = Comparator
            .comparingInt((NodePolicy p) -> priorityOf(p.getSpec()))
            .thenComparing(p -> p.getMetadata().getName());

    private PolicyMerger() {
    }

    public static int priorityOf(NodePolicySpec spec) {
        return spec == null || spec.getPriority() == null ? 99 : spec.getPriority();
    }

    /**
     * @param policies  the policies whose nodeSelector matches the node (any order)
     * @param inventory the node's PFs as the agent reported them (may be empty before the first report)
     */
    public static Result merge(List<NodePolicy> policies, List<PfStatus> inventory) {
        List<NodePolicy> ordered = policies.stream().filter(p -> p.getSpec() != null).sorted(PRIORITY_ORDER).toList();
        Map<String, PfSpec> pfs = new LinkedHashMap<>();
        Map<String, List<TakenRange>> taken = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        List<String> contributors = new ArrayList<>();
        NodeStateSpec spec = new NodeStateSpec();

        for (NodePolicy policy : ordered) {
            String policyName = policy.getMetadata().getName();
            NodePolicySpec ps = policy.getSpec();
            boolean contributed = false;
            if (spec.getSwitchConfig() == null && ps.getSwitchConfig() != null) {
                spec.setSwitchConfig(ps.getSwitchConfig());
                contributed = true;
            }
            for (PfSelection.Pf pf : PfSelection.select(ps.getNicSelector(), inventory)) {
                contributed = true;
                PfSpec pfSpec = pfs.computeIfAbsent(pf.name(), name -> new PfSpec().withName(name).withPci(pf.pci())
                        .withNumVfs(0).withPolicy(policyName));
                int wanted = ps.getNumVfs() == null ? 0 : ps.getNumVfs();
                pfSpec.setNumVfs(Math.max(pfSpec.getNumVfs(), wanted));
                List<TakenRange> pfTaken = taken.computeIfAbsent(pf.name(), k -> new ArrayList<>());
                for (VfGroup group : nullSafe(ps.getVfGroups())) {
                    VfRange range = VfRange.parse(group.getRange());
                    TakenRange clash = pfTaken.stream().filter(t -> t.range.overlaps(range)).findFirst().orElse(null);
                    if (clash != null) {
                        if (!clash.policy.equals(policyName)) {
                            refusals.add(new Refusal(policyName, range.toString(), pf.name(), clash.policy,
                                    clash.range.toString()));
                        }
                        continue;
                    }
                    pfTaken.add(new TakenRange(range, policyName));
                    pfSpec.setVfGroups(append(pfSpec.getVfGroups(), group));
                }
                mergeFlowRules(pfSpec, ps.getFlowRules());
            }
            if (contributed) {
                contributors.add(policyName);
            }
        }
        spec.setPfs(pfs.isEmpty() ? null : List.copyOf(pfs.values()));
        spec.setPolicies(contributors.isEmpty() ? null : List.copyOf(contributors));
        return new Result(spec, List.copyOf(refusals));
    }

    private static void mergeFlowRules(PfSpec pfSpec, List<FlowRule> rules) {
        if (rules == null || rules.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        Set<Object> locations = new HashSet<>();
        for (FlowRule existing : nullSafe(pfSpec.getFlowRules())) {
            names.add(existing.getName());
            if (existing.getLocation() != null) {
                locations.add(existing.getLocation());
            }
        }
        for (FlowRule rule : rules) {
            if (names.contains(rule.getName()) || (rule.getLocation() != null && locations.contains(rule.getLocation()))) {
                continue;
            }
            names.add(rule.getName());
            if (rule.getLocation() != null) {
                locations.add(rule.getLocation());
            }
            pfSpec.setFlowRules(append(pfSpec.getFlowRules(), rule));
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record TakenRange(VfRange range, String policy) {
    }
}
