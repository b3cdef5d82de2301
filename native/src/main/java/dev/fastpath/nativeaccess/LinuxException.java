package dev.fastpath.nativeaccess;

import java.util.Optional;

/**
 * The one exception type of the native module: a Linux call or kernel request failed with an errno.
 *
 * <p>It names what was attempted ({@code operation}, e.g. {@code RTM_NEWLINK veth fp0} or {@code ioctl SIOCETHTOOL
 * ETHTOOL_SRXCLSRLINS eth0}), the errno with its symbolic name, and the kernel's extended-ack text when netlink sent
 * one. The message reads {@code RTM_NEWLINK veth fp0: EEXIST (File exists)} or, with an ext-ack,
 * {@code RTM_NEWLINK vlan fp0.100: EOPNOTSUPP (Operation not supported): Unknown device type}.
 */
public final class LinuxException extends RuntimeException {
    private final String operation;
    private final int errno;
    private final String kernelMessage;

    public LinuxException(String operation, int errno) {
        this(operation, errno, null, null);
    }

    public LinuxException(String operation, int errno, String kernelMessage) {
        this(operation, errno, kernelMessage, null);
    }

    public LinuxException(String operation, int errno, String kernelMessage, Throwable cause) {
        super(format(operation, errno, kernelMessage), cause);
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage == null || kernelMessage.isEmpty() ? null : kernelMessage;
    }

    private static String format(String operation, int errno, String kernelMessage) {
        String base = operation + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")";
        return kernelMessage == null || kernelMessage.isEmpty() ? base : base + ": " + kernelMessage;
    }

    /** What was attempted, e.g. {@code RTM_NEWLINK veth fp0}. */
    public String operation() {
        return operation;
    }

    /** The positive errno value (constants in {@link Errno}). */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), when netlink supplied one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }

    /** Same failure, described as a higher-level operation (keeps this one as the cause). */
    public LinuxException during(String outerOperation) {
        return new LinuxException(outerOperation, errno, kernelMessage, this);
    }

    public boolean is(int errnoValue) {
        return errno == errnoValue;
    }
}
