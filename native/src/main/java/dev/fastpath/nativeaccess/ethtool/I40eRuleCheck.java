package dev.fastpath.nativeaccess.ethtool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an Intel 700-series (i40e) PF accepts as a set of Flow Director sideband rules (kernel-abi.md 2.6,
 * {@code i40e_ethtool.c}), checked up front: the driver itself answers a bare EOPNOTSUPP or EINVAL, or silently
 * replaces a rule. Pure; an empty answer means the set is acceptable.
 */
public final class I40eRuleCheck {
    private I40eRuleCheck() {}

    /** Every problem of {@code rules} for a table of {@code tableSize} locations, one sentence each. */
    public static List<String> problems(List<FlowRule> rules, int tableSize) {
        List<String> problems = new ArrayList<>();
        Map<Integer, FlowRule> byLocation = new HashMap<>();
        Map<FlowType, FlowRule> inputSetOwner = new HashMap<>();
        Map<String, FlowRule> byMatch = new HashMap<>();
        for (FlowRule rule : rules) {
            String where = "rule at location " + rule.location() + " (" + rule + ")";
            if (rule.location() >= tableSize) {
                problems.add(where + ": location beyond the table size " + tableSize);
            }
            partialPrefix(rule.source()).ifPresent(p -> problems.add(where + ": src-ip " + p
                    + " is a partial prefix; i40e matches whole addresses only"));
            partialPrefix(rule.destination()).ifPresent(p -> problems.add(where + ": dst-ip " + p
                    + " is a partial prefix; i40e matches whole addresses only"));
            FlowRule sameLocation = byLocation.putIfAbsent(rule.location(), rule);
            if (sameLocation != null) {
                problems.add(where + ": location already used by " + sameLocation
                        + " (i40e would replace it)");
            }
            FlowRule owner = inputSetOwner.putIfAbsent(rule.flowType(), rule);
            if (owner != null && !inputSet(owner).equals(inputSet(rule))) {
                problems.add(where + ": matches " + inputSet(rule) + " but " + owner + " matches "
                        + inputSet(owner) + "; i40e programs one input set per flow type");
            }
            String match = rule.flowType() + " " + rule.source() + rule.destination() + rule.sourcePort()
                    + rule.destinationPort();
            FlowRule twin = byMatch.putIfAbsent(match, rule);
            if (twin != null && twin.location() != rule.location()) {
                problems.add(where + ": matches the same packets as the rule at location " + twin.location()
                        + " (i40e answers EINVAL)");
            }
        }
        return problems;
    }

    private static Optional<IpMatch> partialPrefix(Optional<IpMatch> ip) {
        return ip.filter(m -> m.prefixLength() != m.address().getAddress().length * 8);
    }

    /** The fields a rule compares, e.g. {@code [dst-ip, dst-port]}: the i40e "input set". */
    static List<String> inputSet(FlowRule rule) {
        List<String> fields = new ArrayList<>();
        rule.source().ifPresent(x -> fields.add("src-ip"));
        rule.destination().ifPresent(x -> fields.add("dst-ip"));
        rule.sourcePort().ifPresent(x -> fields.add("src-port"));
        rule.destinationPort().ifPresent(x -> fields.add("dst-port"));
        return fields;
    }
}
