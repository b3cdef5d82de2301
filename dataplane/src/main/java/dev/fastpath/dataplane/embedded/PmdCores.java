package dev.fastpath.dataplane.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The {@code --pmd-cores 0,1} (or {@code --pmd-core N}) option: a list of distinct online CPUs, one PMD thread
 * each, the first being EAL's main lcore. Checked before DPDK starts, with errors that name the option.
 */
final class PmdCores {
    static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    private PmdCores() {}

    /**
     * @param option the option as the user wrote it, for messages
     * @param online the CPUs that are online, in the kernel's list format ("0-3,6")
     */
    static List<Integer> parse(String option, String value, String online) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " needs at least one CPU, got an empty list");
        }
        BitSet onlineCpus = cpuList(online);
        List<Integer> cores = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String p = part.strip();
            int cpu;
            try {
                cpu = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be CPU numbers separated by commas, got '" + value + "'");
            }
            if (cpu < 0) {
                throw new IllegalArgumentException(option + ": CPU " + cpu + " is negative");
            }
            if (cores.contains(cpu)) {
                throw new IllegalArgumentException(option + " lists CPU " + cpu + " twice: '" + value + "'");
            }
            if (!onlineCpus.get(cpu)) {
                throw new IllegalArgumentException(option + ": CPU " + cpu + " is not online (online CPUs: " + online.strip() + ")");
            }
            cores.add(cpu);
        }
        return cores;
    }

    static String online() {
        try {
            return Files.readString(ONLINE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ONLINE + ": " + e.getMessage(), e);
        }
    }

    /** The kernel's CPU list format: "0-3,6,8-9". */
    static BitSet cpuList(String list) {
        BitSet set = new BitSet();
        for (String range : list.strip().split(",")) {
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            set.set(from, to + 1);
        }
        return set;
    }
}
