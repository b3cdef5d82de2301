package dev.fastpath.cniplugin.types;

/**
 * CNI error codes. 0-99 are the spec's well-known codes (SPEC.md "Error"); 100 and up are Fastpath's own.
 * Plain int constants without Jackson so the shim can use them on its fast path.
 */
public final class CniErrorCode {
    /** Incompatible CNI version. */
    public static final int INCOMPATIBLE_VERSION = 1;
    /** Unsupported field in network configuration; the message names the key and value. */
    public static final int UNSUPPORTED_FIELD = 2;
    /** Container unknown or does not exist; the runtime need not clean up. */
    public static final int UNKNOWN_CONTAINER = 3;
    /** Invalid necessary environment variables (CNI_COMMAND, CNI_CONTAINERID, ...); the message names them. */
    public static final int INVALID_ENVIRONMENT = 4;
    /** I/O failure, e.g. reading stdin. */
    public static final int IO_FAILURE = 5;
    /** Failed to decode content (malformed JSON). */
    public static final int DECODE_FAILURE = 6;
    /** Invalid network config: a value that cannot work. */
    public static final int INVALID_NETWORK_CONFIG = 7;
    /** Try again later: a transient condition (agent unreachable, device still held). */
    public static final int TRY_AGAIN_LATER = 11;
    /** STATUS: the plugin cannot serve ADD now. */
    public static final int PLUGIN_NOT_AVAILABLE = 50;
    /** STATUS: cannot serve ADD, and existing containers may have limited connectivity. */
    public static final int PLUGIN_NOT_AVAILABLE_LIMITED_CONNECTIVITY = 51;

    /** Fastpath: CHECK found no attachment for (CNI_CONTAINERID, CNI_IFNAME). */
    public static final int ATTACHMENT_NOT_FOUND = 100;
    /** Fastpath: CHECK found the attachment differs from what ADD made. */
    public static final int ATTACHMENT_DRIFTED = 101;
    /** Fastpath: a device operation (sysfs, netlink, IPAM plugin) failed. */
    public static final int DEVICE_OPERATION_FAILED = 102;
    /** Fastpath: the IPAM plugin failed; its message is included. */
    public static final int IPAM_FAILED = 103;

    private CniErrorCode() {}
}
