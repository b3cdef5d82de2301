package dev.fastpath.dataplane;

/** A switch operation that failed, with a reason callers can act on and a message that names the port or field. */
public class SwitchException extends RuntimeException {
    public enum Reason { UNKNOWN_PORT, DUPLICATE_PORT, INVALID_SPEC, BACKEND_FAILURE }

    private final Reason reason;

    public SwitchException(Reason reason, String message) {
        this(reason, message, null);
    }

    public SwitchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
