package dev.fastpath.nodeagent.vswitch;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.ovs.OvsSwitch;
import dev.fastpath.dataplane.ovs.OvsSwitchConfig;
import java.util.List;
import java.util.function.Function;

/**
 * {@link OvsSwitch} opened on first use and again after a failed open: OvsSwitch connects (and makes sure its
 * bridge exists) when opened, but the agent must start, and answer CNI calls with "try again later", while Open
 * vSwitch is not up yet. Once open, OvsSwitch reconnects to a restarted ovsdb-server by itself.
 */
final class LazyOvsSwitch implements Switch {
    private final OvsSwitchConfig config;
    private OvsSwitch open;

    LazyOvsSwitch(OvsSwitchConfig config) {
        this.config = config;
    }

    private <T> T withSwitch(Function<OvsSwitch, T> call) {
        OvsSwitch ovs;
        synchronized (this) {
            if (open == null) open = OvsSwitch.open(config); // throws SwitchException naming the socket
            ovs = open;
        }
        return call.apply(ovs);
    }

    @Override
    public PortInfo addPort(PortSpec spec) {
        return withSwitch(s -> s.addPort(spec));
    }

    @Override
    public void removePort(String name) {
        withSwitch(s -> {
            s.removePort(name);
            return null;
        });
    }

    @Override
    public List<PortInfo> listPorts() {
        return withSwitch(Switch::listPorts);
    }

    @Override
    public PortInfo port(String name) {
        return withSwitch(s -> s.port(name));
    }

    @Override
    public Health health() {
        return withSwitch(Switch::health);
    }

    @Override
    public synchronized void close() {
        if (open != null) open.close();
        open = null;
    }
}
