package dev.fastpath.dataplane;

import java.util.List;

/**
 * The node's vhost-user switch, whatever implements it: Fastpath's embedded DPDK switch or Open vSwitch
 * with DPDK. The backend is chosen per node by {@code NodePolicy.spec.switch.backend}. Every method is
 * safe to call while traffic flows on other ports; a failure on one port never disturbs the others.
 */
public interface Switch extends AutoCloseable {

    /**
     * Adds a port and returns it as the switch now sees it.
     *
     * @throws SwitchException {@link SwitchException.Reason#DUPLICATE_PORT} when the name is taken,
     *     {@link SwitchException.Reason#INVALID_SPEC} for a spec the backend cannot honour (the message names
     *     the field), {@link SwitchException.Reason#BACKEND_FAILURE} when the data plane refused it
     */
    PortInfo addPort(PortSpec spec);

    /** Removes a port; {@link SwitchException.Reason#UNKNOWN_PORT} when there is none of that name. */
    void removePort(String name);

    /** Every port with its current link state and counters. */
    List<PortInfo> listPorts();

    /** One port; {@link SwitchException.Reason#UNKNOWN_PORT} when there is none of that name. */
    PortInfo port(String name);

    /** Whether the data plane is up and forwarding, with a human-readable detail when it is not. */
    Health health();

    /** Stops using the backend. Ports of a switch that persists its port set come back on restart. */
    @Override
    void close();

    record Health(boolean healthy, String detail) {}
}
