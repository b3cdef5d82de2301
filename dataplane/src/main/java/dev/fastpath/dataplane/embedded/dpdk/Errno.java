package dev.fastpath.dataplane.embedded.dpdk;

import java.util.Map;

/** Symbolic names for the errno values DPDK's control path returns, with rte_strerror's text when EAL is loaded. */
final class Errno {
    private Errno() {}

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(5, "EIO"), Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"),
            Map.entry(28, "ENOSPC"), Map.entry(71, "EPROTO"), Map.entry(95, "ENOTSUP"), Map.entry(114, "EALREADY"),
            Map.entry(1001, "E_RTE_SECONDARY"), Map.entry(1002, "E_RTE_NO_CONFIG"));

    static String name(int errno) {
        return NAMES.getOrDefault(Math.abs(errno), "errno " + Math.abs(errno));
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
