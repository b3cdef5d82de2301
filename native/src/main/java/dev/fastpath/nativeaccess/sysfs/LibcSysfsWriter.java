package dev.fastpath.nativeaccess.sysfs;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@link SysfsWriter#LIBC}: one write(2) per attribute, because sysfs stores take the whole value at once. */
final class LibcSysfsWriter implements SysfsWriter {
    @Override
    public void write(Path file, String value) {
        String operation = "write " + file + " <- '" + value.strip() + "'";
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        int fd;
        try {
            fd = Libc.open(file.toString(), Libc.O_WRONLY | Libc.O_TRUNC | Libc.O_CLOEXEC);
        } catch (LinuxException e) {
            throw e.during(operation);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long written;
            try {
                written = Libc.write(fd, buf, bytes.length);
            } catch (LinuxException e) {
                throw e.during(operation);
            }
            if (written != bytes.length) {
                throw new LinuxException(operation + " (short write " + written + "/" + bytes.length + ")", Errno.EIO);
            }
        } finally {
            Libc.close(fd);
        }
    }
}
