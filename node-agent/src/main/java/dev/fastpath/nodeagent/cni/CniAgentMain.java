package dev.fastpath.nodeagent.cni;

import dev.fastpath.api.v1alpha1.SwitchBackend;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the agent's CNI server alone (until the node agent's main wires it in with the rest):
 * {@code java ... dev.fastpath.nodeagent.cni.CniAgentMain [--socket P] [--checkpoint-dir D] [--devinfo-dir D] [--sysfs D]
 * [--switch-backend embedded|ovs] [--switch-control P] [--ovsdb P] [--ovs-bridge NAME] [--sockets-root D]}.
 * Defaults are the node paths of ARCHITECTURE.md.
 */
public final class CniAgentMain {
    private CniAgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        CniAgentConfig d = CniAgentConfig.defaults();
        Path socket = d.socket(), checkpoint = d.checkpointDir(), devinfo = d.deviceInfoDir(), sysfs = d.sysfsRoot();
        Path switchControl = d.switchEndpoint(), socketsRoot = d.socketsRoot(), ovsdb = NodeSwitch.DEFAULT_OVSDB;
        SwitchBackend backend = SwitchBackend.EMBEDDED;
        String bridge = NodeSwitch.DEFAULT_OVS_BRIDGE;
        if (args.length % 2 != 0) throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        for (int i = 0; i + 1 < args.length; i += 2) {
            Path value = Path.of(args[i + 1]);
            switch (args[i]) {
                case "--switch-backend" -> backend = SwitchBackend.fromWire(args[i + 1]);
                case "--ovsdb" -> ovsdb = value;
                case "--ovs-bridge" -> bridge = args[i + 1];
                case "--socket" -> socket = value;
                case "--checkpoint-dir" -> checkpoint = value;
                case "--devinfo-dir" -> devinfo = value;
                case "--sysfs" -> sysfs = value;
                case "--switch-control" -> switchControl = value;
                case "--sockets-root" -> socketsRoot = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CniAgentConfig config = new CniAgentConfig(socket, checkpoint, devinfo, sysfs, switchControl, socketsRoot);
        if (backend == SwitchBackend.OVS) config = config.withOvs(ovsdb, bridge);
        CniServer server = CniServer.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("fastpath CNI server ready on " + socket);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
