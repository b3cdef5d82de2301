package dev.fastpath.nativeaccess.sysfs;

import java.nio.file.Path;

/**
 * Writes one sysfs attribute. The kernel answers a write to {@code sriov_numvfs}, {@code unbind} or
 * {@code drivers_probe} with an errno (EBUSY, ERANGE, ENODEV...), which Java's file API reduces to a localized
 * message; {@link #LIBC} writes through open(2)/write(2) so the errno reaches the
 * {@link dev.fastpath.nativeaccess.LinuxException}.
 *
 * <p>The seam exists so a test fixture can play the kernel's part after each write against a fake tree.
 */
@FunctionalInterface
public interface SysfsWriter {
    /** Writes {@code value} to {@code file} in a single write(2), as {@code echo -n value > file} would. */
    void write(Path file, String value);

    /** The real thing: open(O_WRONLY|O_TRUNC) + one write(2) + close, errno kept. */
    SysfsWriter LIBC = new LibcSysfsWriter();
}
