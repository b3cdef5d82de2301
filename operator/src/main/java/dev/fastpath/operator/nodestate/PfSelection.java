package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NicSelector;
import dev.fastpath.api.v1alpha1.PfStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which PFs of one node a policy's {@code nicSelector} picks. Every criterion that is set must match (vendor,
 * device id, PF name, PCI address). Before the node-agent has reported the node's PFs, only PFs named in
 * {@code pfNames} can be known; vendor/device/rootDevices selections resolve once the inventory arrives.
 */
public final class PfSelection {

    /** A PF as the merge sees it: name always, PCI address once reported. */
    public record Pf(String name, String pci, Integer totalVfs) {
    }

    private PfSelection() {
    }

    public static List<Pf> select(NicSelector selector, List<PfStatus> inventory) {
        List<Pf> result = new ArrayList<>();
        if (selector == null) {
            return result;
        }
        if (inventory == null || inventory.isEmpty()) {
            if (selector.getPfNames() != null && nullOrEmpty(selector.getVendor()) && isEmpty(selector.getDeviceIDs())
                    && isEmpty(selector.getRootDevices())) {
                selector.getPfNames().forEach(name -> result.add(new Pf(name, null, null)));
            }
            return result;
        }
        for (PfStatus pf : inventory) {
            if (matches(selector, pf)) {
                result.add(new Pf(pf.getName(), pf.getPci(), pf.getTotalVfs()));
            }
        }
        return result;
    }

    public static boolean matches(NicSelector selector, PfStatus pf) {
        if (!nullOrEmpty(selector.getVendor()) && !hexEquals(selector.getVendor(), pf.getVendor())) {
            return false;
        }
        if (!isEmpty(selector.getDeviceIDs())
                && selector.getDeviceIDs().stream().noneMatch(id -> hexEquals(id, pf.getDevice()))) {
            return false;
        }
        if (!isEmpty(selector.getPfNames()) && !selector.getPfNames().contains(pf.getName())) {
            return false;
        }
        return isEmpty(selector.getRootDevices()) || selector.getRootDevices().contains(pf.getPci());
    }

    /** sysfs reports "0x8086", users write "8086". */
    private static boolean hexEquals(String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        return strip0x(wanted).equals(strip0x(actual));
    }

    private static String strip0x(String hex) {
        String lower = hex.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }

    private static boolean nullOrEmpty(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
