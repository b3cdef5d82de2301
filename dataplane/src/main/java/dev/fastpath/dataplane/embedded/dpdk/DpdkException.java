package dev.fastpath.dataplane.embedded.dpdk;

/** A DPDK call that failed, with the errno (DPDK returns -errno or sets rte_errno) and its symbolic name. */
public final class DpdkException extends RuntimeException {
    private final int errno;

    public DpdkException(String what, int errno) {
        super(what + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    public DpdkException(String message) {
        super(message);
        this.errno = 0;
    }

    public int errno() {
        return errno;
    }
}
