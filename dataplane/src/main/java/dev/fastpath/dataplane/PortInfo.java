package dev.fastpath.dataplane;

/** A port as the switch sees it now. {@code socket} is null for ports without one. */
public record PortInfo(String name, PortSpec.PortType type, String socket, int vlan, LinkState link, PortStats stats) {
    public enum LinkState { UP, DOWN }
}
