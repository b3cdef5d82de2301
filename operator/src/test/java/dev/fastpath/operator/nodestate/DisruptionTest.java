package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.FlowRule;
import dev.fastpath.api.v1alpha1.NodeStateSpec;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisruptionTest {

    private static NodeStateSpec spec(PfSpec... pfs) {
        return new NodeStateSpec().withPfs(List.of(pfs)).withPolicies(List.of("p"));
    }

    private static PfSpec pf(String name, int numVfs, VfGroup... groups) {
        return new PfSpec().withName(name).withNumVfs(numVfs).withVfGroups(List.of(groups)).withPolicy("p");
    }

    private static VfGroup group(String range, String pool, VfDriver driver, Integer mtu) {
        return new VfGroup().withRange(range).withPool(pool).withDriver(driver).withMtu(mtu);
    }

    @Test
    void mtuPoolAndFlowRulesAreLive() {
        NodeStateSpec now = spec(pf("ens1f0", 8, group("0-7", "a", VfDriver.IAVF, 1500)));
        NodeStateSpec next = spec(pf("ens1f0", 8, group("0-7", "b", VfDriver.IAVF, 9000))
                .withFlowRules(List.of(new FlowRule().withName("drop-telnet"))));
        assertFalse(Disruption.isDisruptive(now, next));
        assertEquals(next, Disruption.holdBack(now, next));
    }

    @Test
    void numVfsDriverChangeAndPfRemovalAreDisruptive() {
        NodeStateSpec now = spec(pf("ens1f0", 8, group("0-7", "a", VfDriver.IAVF, null)), pf("ens1f1", 4));
        assertEquals(List.of("ens1f0"), Disruption.disruptedPfs(now,
                spec(pf("ens1f0", 16, group("0-7", "a", VfDriver.IAVF, null)), pf("ens1f1", 4))));
        assertEquals(List.of("ens1f0"), Disruption.disruptedPfs(now,
                spec(pf("ens1f0", 8, group("0-3", "a", VfDriver.IAVF, null), group("4-7", "d", VfDriver.VFIO_PCI, null)),
                        pf("ens1f1", 4))));
        assertEquals(List.of("ens1f1"), Disruption.disruptedPfs(now,
                spec(pf("ens1f0", 8, group("0-7", "a", VfDriver.IAVF, null)))));
        assertFalse(Disruption.isDisruptive(now, spec(pf("ens1f0", 8, group("0-7", "a", null, null)), pf("ens1f1", 4),
                pf("ens2f0", 8))), "iavf is the default driver; a PF gaining VFs disturbs nobody");
    }

    @Test
    void holdingBackKeepsTheVfLayoutButAppliesLiveParts() {
        NodeStateSpec now = spec(pf("ens1f0", 8, group("0-7", "a", VfDriver.IAVF, 1500)), pf("ens1f1", 4));
        NodeStateSpec next = spec(pf("ens1f0", 16, group("0-7", "a", VfDriver.IAVF, 9000), group("8-15", "x", VfDriver.VFIO_PCI, null))
                .withFlowRules(List.of(new FlowRule().withName("r1"))));
        NodeStateSpec held = Disruption.holdBack(now, next);
        PfSpec ens0 = held.getPfs().get(0);
        assertEquals(8, ens0.getNumVfs());
        assertEquals(List.of(group("0-7", "a", VfDriver.IAVF, 9000)), ens0.getVfGroups(), "MTU is live");
        assertEquals("r1", ens0.getFlowRules().getFirst().getName(), "flow rules are live");
        assertEquals("ens1f1", held.getPfs().get(1).getName(), "a PF losing its VFs is kept until the node's turn");
        assertTrue(Disruption.isDisruptive(held, next));
    }
}
