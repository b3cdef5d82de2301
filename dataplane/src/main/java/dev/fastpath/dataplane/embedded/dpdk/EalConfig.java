package dev.fastpath.dataplane.embedded.dpdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the switch's EAL starts. The first of {@code pmdCores} becomes the main lcore, on which the calling thread
 * is pinned by rte_eal_init and then runs PMD 0; EAL is given only that core ({@code -l}): the other PMD threads
 * are Java threads that pin themselves and register with {@code rte_thread_register}. Hugepage files are
 * unlinked ({@code --in-memory}) so a killed switch leaves none behind.
 */
public record EalConfig(List<Integer> pmdCores, String filePrefix, int memoryMb, boolean noPci, Path logFile, List<String> extraArgs) {

    public EalConfig {
        if (pmdCores == null || pmdCores.isEmpty()) {
            throw new IllegalArgumentException("pmdCores: at least one core is needed");
        }
        pmdCores = List.copyOf(pmdCores);
    }

    /** One PMD core: the configuration of a single-PMD switch. */
    public EalConfig(int pmdCore, String filePrefix, int memoryMb, boolean noPci, Path logFile, List<String> extraArgs) {
        this(List.of(pmdCore), filePrefix, memoryMb, noPci, logFile, extraArgs);
    }

    /** The EAL main lcore's CPU: PMD 0. */
    public int mainCore() {
        return pmdCores.get(0);
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("fastpath-switch",
                "-l", Integer.toString(mainCore()),
                "--file-prefix", filePrefix,
                "--in-memory",
                "--single-file-segments",
                "-m", Integer.toString(memoryMb)));
        if (noPci) {
            argv.add("--no-pci");
        }
        argv.addAll(extraArgs);
        return argv;
    }

    /** 2 MiB hugepages this configuration needs. */
    public int hugepagesNeeded() {
        return (memoryMb + 1) / 2;
    }
}
