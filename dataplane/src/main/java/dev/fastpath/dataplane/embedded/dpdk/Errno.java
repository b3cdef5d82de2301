package dev.fastpath.dataplane.embedded.dpdk;

/**
 * Names for the errno values DPDK's control path returns, with rte_strerror's text when EAL is loaded.
 * Linux errno names come from the native layer's table; only DPDK's own rte_errno values are added here.
 */
final class Errno {
    private static final int E_RTE_SECONDARY = 1001;
    private static final int E_RTE_NO_CONFIG = 1002;

    private Errno() {}

    static String name(int errno) {
        int e = Math.abs(errno);
        return switch (e) {
            case E_RTE_SECONDARY -> "E_RTE_SECONDARY";
            case E_RTE_NO_CONFIG -> "E_RTE_NO_CONFIG";
            default -> dev.fastpath.nativeaccess.Errno.name(e);
        };
    }

    static String describe(int errno) {
        int e = Math.abs(errno);
        String text;
        try {
            text = Rte.strerror(e);
        } catch (RuntimeException | LinkageError notLoaded) {
            text = "";
        }
        return name(e) + (text.isEmpty() ? "" : " (" + text + ")");
    }
}
