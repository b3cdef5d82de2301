package dev.fastpath.dataplane.ovs.ovsdb;

/**
 * An OVSDB request that failed. {@code error} and {@code details} are the server's own words (RFC 7047
 * error objects), so a caller can show exactly what ovsdb-server refused and why.
 */
public class OvsdbException extends RuntimeException {
    private final String error;
    private final String details;

    public OvsdbException(String message, String error, String details) {
        super(message + (error == null ? "" : ": " + error + (details == null || details.isEmpty() ? "" : " (" + details + ")")));
        this.error = error;
        this.details = details;
    }

    public OvsdbException(String message, Throwable cause) {
        super(message, cause);
        this.error = null;
        this.details = null;
    }

    /** The server's error string, e.g. {@code "constraint violation"}; null for transport failures. */
    public String error() {
        return error;
    }

    /** The server's human-readable details; null when it gave none. */
    public String details() {
        return details;
    }
}
