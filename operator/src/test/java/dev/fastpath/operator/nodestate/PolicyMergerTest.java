package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.FlowRule;
import dev.fastpath.api.v1alpha1.NicSelector;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodePolicySpec;
import dev.fastpath.api.v1alpha1.PfStatus;
import dev.fastpath.api.v1alpha1.SwitchConfig;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyMergerTest {

    private static final List<PfStatus> INVENTORY = List.of(
            new PfStatus().withName("ens1f0").withPci("0000:3b:00.0").withVendor("0x8086").withDevice("0x1583").withTotalVfs(64),
            new PfStatus().withName("ens1f1").withPci("0000:3b:00.1").withVendor("0x8086").withDevice("0x1583").withTotalVfs(64),
            new PfStatus().withName("eno1").withPci("0000:01:00.0").withVendor("0x14e4").withDevice("0x165f").withTotalVfs(0));

    private static NodePolicy policy(String name, int priority, NicSelector nics, int numVfs, VfGroup... groups) {
        return new NodePolicy(name, new NodePolicySpec().withPriority(priority).withNicSelector(nics).withNumVfs(numVfs)
                .withVfGroups(List.of(groups)));
    }

    @Test
    void vendorAndDeviceSelectorsResolveOnceTheInventoryIsKnown() {
        NodePolicy intel = policy("intel", 10, new NicSelector().withVendor("8086").withDeviceIDs(List.of("1583")), 8,
                new VfGroup().withRange("0-7").withPool("a").withDriver(VfDriver.IAVF));
        assertNull(PolicyMerger.merge(List.of(intel), null).spec().getPfs(), "nothing to select before the agent reports");
        var merged = PolicyMerger.merge(List.of(intel), INVENTORY).spec();
        assertEquals(List.of("ens1f0", "ens1f1"), merged.getPfs().stream().map(p -> p.getName()).toList());
        assertEquals("0000:3b:00.1", merged.getPfs().get(1).getPci());
    }

    @Test
    void flowRulesMergeByNameAndLocationAndTheSwitchComesFromTheHighestPriority() {
        NicSelector ens = new NicSelector().withPfNames(List.of("ens1f0"));
        NodePolicy high = policy("high", 1, ens, 4);
        high.getSpec().setFlowRules(List.of(new FlowRule().withName("r1").withLocation(1)));
        high.getSpec().setSwitchConfig(new SwitchConfig().withEnabled(true).withSocketMemMb(1024));
        NodePolicy low = policy("low", 50, ens, 4);
        low.getSpec().setFlowRules(List.of(new FlowRule().withName("r1").withLocation(7),
                new FlowRule().withName("r2").withLocation(1), new FlowRule().withName("r3").withLocation(2)));
        low.getSpec().setSwitchConfig(new SwitchConfig().withEnabled(false));
        var result = PolicyMerger.merge(List.of(low, high), INVENTORY);
        assertEquals(List.of("r1", "r3"), result.spec().getPfs().getFirst().getFlowRules().stream().map(FlowRule::getName).toList(),
                "r1 taken by name, r2's location 1 taken by high's r1");
        assertEquals(1024, result.spec().getSwitchConfig().getSocketMemMb());
        assertEquals(List.of("high", "low"), result.spec().getPolicies());
        assertTrue(result.refusals().isEmpty());
    }

    @Test
    void equalPrioritiesAreOrderedByNameSoTheResultIsStable() {
        NicSelector ens = new NicSelector().withPfNames(List.of("ens1f0"));
        NodePolicy b = policy("bravo", 10, ens, 8, new VfGroup().withRange("0-3").withPool("b"));
        NodePolicy a = policy("alpha", 10, ens, 8, new VfGroup().withRange("2-5").withPool("a"));
        var result = PolicyMerger.merge(List.of(b, a), INVENTORY);
        assertEquals("a", result.spec().getPfs().getFirst().getVfGroups().getFirst().getPool());
        assertEquals(1, result.refusals().size());
        PolicyMerger.Refusal refusal = result.refusals().getFirst();
        assertEquals("bravo", refusal.policy());
        assertEquals("alpha", refusal.winner());
        assertTrue(refusal.message().contains("0-3") && refusal.message().contains("ens1f0") && refusal.message().contains("2-5"));
    }
}
