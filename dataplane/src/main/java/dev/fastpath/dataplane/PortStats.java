package dev.fastpath.dataplane;

/** Per-port counters, seen from the switch: rx is what the switch received from the port. */
public record PortStats(long rxPackets, long rxBytes, long txPackets, long txBytes, long rxDrops, long txDrops) {
    public static final PortStats ZERO = new PortStats(0, 0, 0, 0, 0, 0);
}
