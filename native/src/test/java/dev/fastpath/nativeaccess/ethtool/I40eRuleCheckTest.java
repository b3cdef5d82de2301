package dev.fastpath.nativeaccess.ethtool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fastpath.nativeaccess.ethtool.RuleAction.Queue;
import dev.fastpath.nativeaccess.ethtool.RuleAction.ToVf;
import java.util.List;
import org.junit.jupiter.api.Test;

class I40eRuleCheckTest {
    @Test
    void aConsistentSetPasses() {
        List<FlowRule> rules = List.of(
                FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new Queue(3)).at(5),
                FlowRule.of(FlowType.UDP4).dst("10.0.0.6").dstPort(4789).action(new ToVf(2, 0)).at(6),
                FlowRule.of(FlowType.TCP6).src("2001:db8::1").action(new RuleAction.Drop()).at(7));
        assertEquals(List.of(), I40eRuleCheck.problems(rules, 8192));
    }

    @Test
    void everyProblemIsNamed() {
        List<FlowRule> rules = List.of(
                FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).at(5),
                FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).at(6),
                FlowRule.of(FlowType.UDP4).src("10.0.0.0/24").dstPort(53).at(6),
                FlowRule.of(FlowType.IP4).dst("10.0.0.9").at(9000));
        assertEquals(List.of(
                "rule at location 6 (flow-type udp4 dst-ip 10.0.0.5/32 dst-port 4789 drop loc 6): matches the same "
                        + "packets as the rule at location 5 (i40e answers EINVAL)",
                "rule at location 6 (flow-type udp4 src-ip 10.0.0.0/24 dst-port 53 drop loc 6): src-ip 10.0.0.0/24 "
                        + "is a partial prefix; i40e matches whole addresses only",
                "rule at location 6 (flow-type udp4 src-ip 10.0.0.0/24 dst-port 53 drop loc 6): location already used "
                        + "by flow-type udp4 dst-ip 10.0.0.5/32 dst-port 4789 drop loc 6 (i40e would replace it)",
                "rule at location 6 (flow-type udp4 src-ip 10.0.0.0/24 dst-port 53 drop loc 6): matches [src-ip, "
                        + "dst-port] but flow-type udp4 dst-ip 10.0.0.5/32 dst-port 4789 drop loc 5 matches [dst-ip, "
                        + "dst-port]; i40e programs one input set per flow type",
                "rule at location 9000 (flow-type ip4 dst-ip 10.0.0.9/32 drop loc 9000): location beyond the table "
                        + "size 8192"),
                I40eRuleCheck.problems(rules, 8192));
    }
}
