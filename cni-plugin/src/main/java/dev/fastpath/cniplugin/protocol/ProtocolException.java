package dev.fastpath.cniplugin.protocol;

import java.io.IOException;

/** A frame that does not follow the shim-agent protocol (bad magic, unknown version, sizes over the limits). */
public final class ProtocolException extends IOException {
    private final int peerVersion;

    public ProtocolException(String message) {
        this(message, -1);
    }

    public ProtocolException(String message, int peerVersion) {
        super(message);
        this.peerVersion = peerVersion;
    }

    /** The protocol version the peer announced when it is the reason for the failure, else -1. */
    public int peerVersion() {
        return peerVersion;
    }
}
