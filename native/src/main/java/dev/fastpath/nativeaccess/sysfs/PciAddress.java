package dev.fastpath.nativeaccess.sysfs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address as sysfs names it: {@code DDDD:BB:DD.F} (domain, bus, device, function), e.g.
 * {@code 0000:03:02.0}. The short form {@code BB:DD.F} (lspci's) means domain 0.
 */
public record PciAddress(int domain, int bus, int device, int function) implements Comparable<PciAddress> {
    private static final Pattern FORMAT =
            Pattern.compile("(?:([0-9a-fA-F]{4}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

    public PciAddress {
        check("domain", domain, 0xffff);
        check("bus", bus, 0xff);
        check("device", device, 0x1f);
        check("function", function, 7);
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("PCI " + field + " " + value + " out of range 0.." + max);
        }
    }

    /** Parses {@code 0000:03:02.0} or {@code 03:02.0}; the error names the bad text. */
    public static PciAddress parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a PCI address: '" + text + "' (expected DDDD:BB:DD.F, e.g. 0000:03:02.0)");
        }
        int domain = m.group(1) == null ? 0 : Integer.parseInt(m.group(1), 16);
        return new PciAddress(domain, Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16),
                Integer.parseInt(m.group(4)));
    }

    /** The sysfs spelling, {@code 0000:03:02.0}. */
    @Override
    public String toString() {
        return String.format("%04x:%02x:%02x.%d", domain, bus, device, function);
    }

    @Override
    public int compareTo(PciAddress o) {
        return Long.compare(key(), o.key());
    }

    private long key() {
        return ((long) domain << 16) | (bus << 8) | (device << 3) | function;
    }
}
