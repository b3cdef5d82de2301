package dev.fastpath.nativeaccess.ethtool;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Flow Director (ntuple) rule at a table location: which packets (flow type, source/destination address
 * prefix, source/destination port; absent = any) and what happens to them. Addresses and ports are the packet's
 * own (the Rx view the kernel ABI uses). Built with {@link #of(FlowType)}:
 * <pre>{@code FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new RuleAction.Queue(3)).at(5)}</pre>
 */
public record FlowRule(
        int location,
        FlowType flowType,
        Optional<IpMatch> source,
        Optional<IpMatch> destination,
        OptionalInt sourcePort,
        OptionalInt destinationPort,
        RuleAction action) {

    public FlowRule {
        if (location < 0) {
            throw new IllegalArgumentException("rule location " + Integer.toUnsignedString(location)
                    + " is negative or special; give an explicit table slot");
        }
        for (Optional<IpMatch> ip : java.util.List.of(source, destination)) {
            if (ip.isPresent() && ip.get().ipv6() != flowType.ipv6()) {
                throw new IllegalArgumentException("address " + ip.get() + " does not fit flow type "
                        + flowType.ethtoolName());
            }
        }
        if (!flowType.hasPorts() && (sourcePort.isPresent() || destinationPort.isPresent())) {
            throw new IllegalArgumentException("flow type " + flowType.ethtoolName() + " has no ports to match");
        }
        for (OptionalInt port : java.util.List.of(sourcePort, destinationPort)) {
            if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 0xffff)) {
                throw new IllegalArgumentException("port " + port.getAsInt() + " out of range 0..65535");
            }
        }
        java.util.Objects.requireNonNull(action, "action");
    }

    public static Builder of(FlowType flowType) {
        return new Builder(flowType);
    }

    /** ethtool's spelling of the rule, for logs: {@code flow-type udp4 dst-ip 10.0.0.5 ... action 3 loc 5}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("flow-type ").append(flowType.ethtoolName());
        source.ifPresent(ip -> s.append(" src-ip ").append(ip));
        destination.ifPresent(ip -> s.append(" dst-ip ").append(ip));
        sourcePort.ifPresent(p -> s.append(" src-port ").append(p));
        destinationPort.ifPresent(p -> s.append(" dst-port ").append(p));
        return s.append(' ').append(action).append(" loc ").append(location).toString();
    }

    public static final class Builder {
        private final FlowType flowType;
        private Optional<IpMatch> source = Optional.empty();
        private Optional<IpMatch> destination = Optional.empty();
        private OptionalInt sourcePort = OptionalInt.empty();
        private OptionalInt destinationPort = OptionalInt.empty();
        private RuleAction action = new RuleAction.Drop();

        private Builder(FlowType flowType) {
            this.flowType = java.util.Objects.requireNonNull(flowType, "flowType");
        }

        /** {@code 10.0.0.5} or {@code 10.0.0.0/24}. */
        public Builder src(String ipOrPrefix) {
            source = Optional.of(IpMatch.parse(ipOrPrefix));
            return this;
        }

        public Builder dst(String ipOrPrefix) {
            destination = Optional.of(IpMatch.parse(ipOrPrefix));
            return this;
        }

        public Builder srcPort(int port) {
            sourcePort = OptionalInt.of(port);
            return this;
        }

        public Builder dstPort(int port) {
            destinationPort = OptionalInt.of(port);
            return this;
        }

        public Builder action(RuleAction action) {
            this.action = action;
            return this;
        }

        public FlowRule at(int location) {
            return new FlowRule(location, flowType, source, destination, sourcePort, destinationPort, action);
        }
    }
}
