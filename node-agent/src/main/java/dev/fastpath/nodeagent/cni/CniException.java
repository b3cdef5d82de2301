package dev.fastpath.nodeagent.cni;

import dev.fastpath.cniplugin.types.CniErrorCode;

/** A CNI request that ends in an error answer: the code (see {@link CniErrorCode}), a specific message, details. */
public class CniException extends RuntimeException {
    private final int code;
    private final String details;

    public CniException(int code, String message) {
        this(code, message, null, null);
    }

    public CniException(int code, String message, String details) {
        this(code, message, details, null);
    }

    public CniException(int code, String message, String details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String details() {
        return details;
    }

    public static CniException invalidConfig(String message) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, message);
    }

    public static CniException invalidEnv(String message) {
        return new CniException(CniErrorCode.INVALID_ENVIRONMENT, message);
    }
}
