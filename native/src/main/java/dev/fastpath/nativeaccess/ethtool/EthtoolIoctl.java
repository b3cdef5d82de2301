package dev.fastpath.nativeaccess.ethtool;

import dev.fastpath.nativeaccess.InterfaceNames;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The C-shaped layer: {@code ioctl(fd, SIOCETHTOOL, struct ifreq {ifr_name[16], ifr_data})} with a codec payload.
 * The payload is copied into native memory, the kernel reads and writes it in place, and the bytes come back
 * for the codec. The only place ethtool code touches a {@link MemorySegment}.
 */
final class EthtoolIoctl {
    private static final long IFREQ_SIZE = 40;
    private static final long IFR_DATA = 16;

    /** ioctl result (SFEATURES answers with ETHTOOL_F_* flags) and the struct after the call. */
    record Answer(int result, byte[] bytes) {}

    private EthtoolIoctl() {}

    /**
     * One SIOCETHTOOL call on socket {@code fd} for {@code ifname} (resolved in the socket's netns). Errors read
     * {@code ETHTOOL_SRXCLSRLINS fp0: EOPNOTSUPP (Operation not supported)}.
     */
    static Answer call(int fd, String ifname, byte[] payload) {
        InterfaceNames.check(ifname);
        String operation = EthtoolCodec.commandName(EthtoolCodec.command(payload)) + " " + ifname;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(payload.length, 8);
            MemorySegment.copy(payload, 0, data, ValueLayout.JAVA_BYTE, 0, payload.length);
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE, 8);
            byte[] name = ifname.getBytes(StandardCharsets.UTF_8); // at most 15 bytes: the NUL after it is ifreq's zero fill
            MemorySegment.copy(name, 0, ifreq, ValueLayout.JAVA_BYTE, 0, name.length);
            ifreq.set(ValueLayout.ADDRESS, IFR_DATA, data);
            int result;
            try {
                result = Libc.ioctl(fd, Libc.SIOCETHTOOL, ifreq, "SIOCETHTOOL " + operation);
            } catch (LinuxException e) {
                throw e.during(operation);
            }
            return new Answer(result, data.toArray(ValueLayout.JAVA_BYTE));
        }
    }
}
