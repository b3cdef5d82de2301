package dev.fastpath.nodeagent.cni;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the agent's CNI server alone (until the node agent's main wires it in with the rest):
 * {@code java ... dev.fastpath.nodeagent.cni.CniAgentMain [--socket P] [--checkpoint-dir D] [--devinfo-dir D] [--sysfs D]
 * [--switch-control P] [--sockets-root D]}.
 * Defaults are the node paths of ARCHITECTURE.md.
 */
public final class CniAgentMain {
    private CniAgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        CniAgentConfig d = CniAgentConfig.defaults();
        Path socket = d.socket(), checkpoint = d.checkpointDir(), devinfo = d.deviceInfoDir(), sysfs = d.sysfsRoot();
        Path switchControl = d.switchControl(), socketsRoot = d.socketsRoot();
        for (int i = 0; i + 1 < args.length; i += 2) {
            Path value = Path.of(args[i + 1]);
            switch (args[i]) {
                case "--socket" -> socket = value;
                case "--checkpoint-dir" -> checkpoint = value;
                case "--devinfo-dir" -> devinfo = value;
                case "--sysfs" -> sysfs = value;
                case "--switch-control" -> switchControl = value;
                case "--sockets-root" -> socketsRoot = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CniServer server = CniServer.create(new CniAgentConfig(socket, checkpoint, devinfo, sysfs, switchControl, socketsRoot)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("fastpath CNI server ready on " + socket);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
