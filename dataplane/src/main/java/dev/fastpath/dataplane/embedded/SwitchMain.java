package dev.fastpath.dataplane.embedded;

import dev.fastpath.dataplane.embedded.control.ControlServer;
import dev.fastpath.dataplane.embedded.control.PortStore;
import dev.fastpath.dataplane.embedded.control.SwitchEngine;
import dev.fastpath.dataplane.embedded.dpdk.DpdkException;
import dev.fastpath.dataplane.embedded.dpdk.EalConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fastpath-switch}: the embedded DPDK switch as its own process, so that a node-agent restart never stops
 * traffic. Starts EAL, restores the persisted port set, then serves the control socket until SIGTERM.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... dev.fastpath.dataplane.embedded.SwitchMain \
 *   --control /run/fastpath/switch.sock --state /var/lib/fastpath/switch-ports.json \
 *   [--pmd-cores 1[,2...] | --pmd-core 1] [--memory-mb 256] [--mbufs 16383] [--file-prefix fastpath-switch] [--no-pci]
 *   [--mac-aging-seconds 300] [--eal-log FILE] [--eal-arg ARG]...
 * </pre>
 * One PMD thread per core of {@code --pmd-cores}: the first is EAL's main lcore; the default is CPU 1.
 * Exit codes: 2 bad arguments, 3 DPDK could not start (the reason is printed).
 */
public final class SwitchMain {
    private SwitchMain() {}

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public static void main(String[] args) throws Exception {
        Path control = null;
        Path state = null;
        Path ealLog = null;
        List<Integer> cores = null;
        int memoryMb = 256;
        int mbufs = 16383;
        long aging = 300;
        boolean noPci = false;
        String prefix = "fastpath-switch";
        List<String> extra = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--control" -> control = Path.of(args[++i]);
                    case "--state" -> state = Path.of(args[++i]);
                    case "--eal-log" -> ealLog = Path.of(args[++i]);
                    case "--pmd-core", "--pmd-cores" -> {
                        if (cores != null) {
                            throw new IllegalArgumentException("give the PMD cores once (--pmd-cores 0,1 or --pmd-core 0)");
                        }
                        String option = args[i];
                        cores = PmdCores.parse(option, value(args, ++i, option), PmdCores.online());
                    }
                    case "--memory-mb" -> memoryMb = Integer.parseInt(args[++i]);
                    case "--mbufs" -> mbufs = Integer.parseInt(args[++i]);
                    case "--mac-aging-seconds" -> aging = Long.parseLong(args[++i]);
                    case "--file-prefix" -> prefix = args[++i];
                    case "--no-pci" -> noPci = true;
                    case "--eal-arg" -> extra.add(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (cores == null) {
                cores = PmdCores.parse("--pmd-cores (default)", "1", PmdCores.online());
            }
            if (control == null || state == null) {
                throw new IllegalArgumentException("--control and --state are required");
            }
        } catch (RuntimeException e) {
            System.err.println("fastpath-switch: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (ealLog == null) {
            ealLog = state.resolveSibling("fastpath-switch-eal.log");
        }
        EalConfig eal = new EalConfig(cores, prefix, memoryMb, noPci, ealLog, extra);
        SwitchEngine engine = new SwitchEngine(eal, new PortStore(state), Duration.ofSeconds(aging));
        try {
            engine.start(mbufs);
        } catch (DpdkException e) {
            System.err.println("fastpath-switch: DPDK did not start: " + e.getMessage());
            System.exit(3);
            return;
        }
        List<String> failed = engine.restore();
        ControlServer server = new ControlServer(engine, control);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            engine.stop();
            stopped.countDown();
        }));
        System.out.println("fastpath-switch ready control=" + control + " ports=" + engine.listPorts().size()
                + (failed.isEmpty() ? "" : " failed=" + failed));
        System.out.flush();
        stopped.await();
    }
}
