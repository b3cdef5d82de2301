package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.io.IOException;

/** Switch failures as CNI errors: unreachable = 11 naming the switch and where it listens, a refused spec = 7, the rest = 102. */
final class SwitchErrors {
    private final NodeSwitch node;

    SwitchErrors(NodeSwitch node) {
        this.node = node;
    }

    /**
     * The client could not talk to the switch at all (as opposed to the switch refusing the call): an I/O failure
     * under the backend failure (the OVS client wraps it in its own exception first).
     */
    static boolean isUnreachable(SwitchException e) {
        if (e.reason() != SwitchException.Reason.BACKEND_FAILURE) return false;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException) return true;
        }
        return false;
    }

    CniException unreachable(SwitchException e) {
        return new CniException(CniErrorCode.TRY_AGAIN_LATER, "the node's switch is not reachable (" + node.describe()
                + "; is it running?): " + e.getMessage(), e.toString(), e);
    }

    CniException failure(SwitchException e, String what) {
        if (isUnreachable(e)) return unreachable(e);
        int code = e.reason() == SwitchException.Reason.INVALID_SPEC ? CniErrorCode.INVALID_NETWORK_CONFIG : CniErrorCode.DEVICE_OPERATION_FAILED;
        return new CniException(code, what + " failed: " + e.getMessage(), e.reason().name(), e);
    }

    /**
     * Removes a switch port for a DEL. A port already gone is success; an unreachable switch is logged and
     * tolerated (the switch persists its ports and the agent sweeps orphans at start), because DEL must not
     * block pod deletion; {@code cleanedAnyway} says in that warning what the DEL still cleans.
     */
    void removePortForDel(Switch vswitch, String port, String what, String cleanedAnyway, RequestLog log) {
        try {
            vswitch.removePort(port);
            log.info("switch port " + port + " removed");
        } catch (SwitchException e) {
            if (e.reason() == SwitchException.Reason.UNKNOWN_PORT) {
                log.info("switch port " + port + " already gone");
            } else if (isUnreachable(e)) {
                log.warn("switch unreachable (" + node.describe() + "): port " + port + " NOT removed from the switch; "
                        + cleanedAnyway + " cleaned anyway", e);
            } else {
                throw failure(e, "removing " + what + " port " + port);
            }
        }
    }

    /** For a CHECK: the switch port the checkpoint names must exist; missing is drift (CNI code 100). */
    void requirePortForCheck(Switch vswitch, AttachmentRecord record) {
        String port = record.savedState() == null ? null : record.savedState().path("port").asText(null);
        if (port == null) {
            throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "checkpoint of " + record.key() + " names no switch port");
        }
        try {
            vswitch.port(port);
        } catch (SwitchException e) {
            if (e.reason() == SwitchException.Reason.UNKNOWN_PORT) {
                throw new CniException(CniErrorCode.ATTACHMENT_DRIFTED, "switch port " + port + " of " + record.ifname() + " is missing");
            }
            throw failure(e, "reading switch port " + port);
        }
    }
}
