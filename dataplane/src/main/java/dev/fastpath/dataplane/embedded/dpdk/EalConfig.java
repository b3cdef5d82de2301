package dev.fastpath.dataplane.embedded.dpdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the switch's EAL starts. {@code pmdCore} becomes the main lcore, on which the calling thread is pinned by
 * rte_eal_init; hugepage files are unlinked ({@code --in-memory}) so a killed switch leaves none behind.
 */
public record EalConfig(int pmdCore, String filePrefix, int memoryMb, boolean noPci, Path logFile, List<String> extraArgs) {

    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("fastpath-switch",
                "-l", Integer.toString(pmdCore),
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
