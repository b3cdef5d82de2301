package dev.fastpath.dataplane.embedded.dpdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks for free 2 MiB hugepages on a mounted hugetlbfs before EAL tries (and fails obscurely). */
public final class Hugepages {
    private static final Path SYSFS = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB");

    private Hugepages() {}

    public static int free() {
        return read("free_hugepages");
    }

    public static int total() {
        return read("nr_hugepages");
    }

    static void requireFree(int needed) {
        int free = free();
        if (free < needed) {
            throw new DpdkException("not enough free 2 MiB hugepages: the switch needs " + needed + ", " + free
                    + " of " + total() + " are free (raise /proc/sys/vm/nr_hugepages or lower --memory-mb)");
        }
        try {
            boolean mounted = Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(" hugetlbfs "));
            if (!mounted) {
                throw new DpdkException("no hugetlbfs is mounted (mount -t hugetlbfs nodev /dev/hugepages)");
            }
        } catch (IOException e) {
            throw new DpdkException("cannot read /proc/mounts: " + e.getMessage());
        }
    }

    private static int read(String file) {
        try {
            return Integer.parseInt(Files.readString(SYSFS.resolve(file)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
