package dev.fastpath.dataplane.embedded.forwarding;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of the switch's ports as one PMD thread sees them, published as a whole (RCU-like): the
 * control path builds a new table per PMD for every change and each PMD picks its own up at the top of its next
 * round. {@code polled} are the ports whose rx queue this PMD polls; every port is a possible destination.
 */
final class PortTable {
    static final int MAX_PORTS = 32; // RTE_MAX_ETHPORTS

    final SwitchPort[] polled;
    final SwitchPort[] byPortId = new SwitchPort[MAX_PORTS];
    /** uid of the port at each ethdev id (0 = none): what a MAC entry is validated against. */
    final int[] uidByPortId = new int[MAX_PORTS];
    /** Per VLAN: ethdev ids of its access ports followed by every trunk; null when the VLAN has no port. */
    final int[][] floodByVlan = new int[4096][];
    final long epoch;

    PortTable(List<SwitchPort> ports, long epoch) {
        this(ports, ports, epoch);
    }

    PortTable(List<SwitchPort> ports, List<SwitchPort> polled, long epoch) {
        this.polled = polled.toArray(SwitchPort[]::new);
        this.epoch = epoch;
        List<SwitchPort> trunks = new ArrayList<>();
        for (SwitchPort p : ports) {
            byPortId[p.portId] = p;
            uidByPortId[p.portId] = p.uid;
            if (p.trunk) {
                trunks.add(p);
            }
        }
        java.util.Set<Integer> vlans = new java.util.TreeSet<>();
        vlans.add(0);
        for (SwitchPort p : ports) {
            if (!p.trunk) {
                vlans.add(p.vlan);
            }
        }
        for (int vlan : vlans) {
            List<Integer> members = new ArrayList<>();
            for (SwitchPort p : ports) {
                if (!p.trunk && p.vlan == vlan) {
                    members.add(p.portId);
                }
            }
            for (SwitchPort t : trunks) {
                members.add(t.portId);
            }
            floodByVlan[vlan] = members.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static PortTable empty() {
        return new PortTable(List.of(), 0);
    }
}
