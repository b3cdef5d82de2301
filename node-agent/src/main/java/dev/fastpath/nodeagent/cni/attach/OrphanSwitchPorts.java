package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.RequestLog;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Switch ports an attachment type made (its name prefix) that no checkpoint entry names any more: left by a DEL
 * that ran while the switch was down (the switch persists its ports and restores them). Ports are listed BEFORE
 * the checkpoint is read, and ADD records the port name before adding the port, so a port being added is never
 * taken for an orphan.
 */
final class OrphanSwitchPorts {
    private OrphanSwitchPorts() {}

    static int remove(Switch vswitch, String prefix, String attachment, Supplier<List<AttachmentRecord>> records, RequestLog log) {
        List<PortInfo> ports;
        try {
            ports = vswitch.listPorts();
        } catch (SwitchException e) {
            // A node without the switch (SR-IOV only) is normal: no warning at every start.
            log.info(attachment + ": switch not reachable (" + e.getMessage() + "), orphan ports not swept");
            return 0;
        }
        Set<String> recorded = records.get().stream()
                .filter(r -> attachment.equals(r.attachment()) && r.savedState() != null && r.savedState().has("port"))
                .map(r -> r.savedState().get("port").asText()).collect(Collectors.toSet());
        int removed = 0;
        for (PortInfo p : ports) {
            if (!p.name().startsWith(prefix) || recorded.contains(p.name())) continue;
            try {
                vswitch.removePort(p.name());
                removed++;
                log.info("orphan " + attachment + " switch port " + p.name() + (p.socket() == null ? "" : " (" + p.socket() + ")") + " removed");
            } catch (SwitchException e) {
                if (e.reason() != SwitchException.Reason.UNKNOWN_PORT) log.warn("orphan switch port " + p.name() + " not removed", e);
            }
        }
        return removed;
    }
}
