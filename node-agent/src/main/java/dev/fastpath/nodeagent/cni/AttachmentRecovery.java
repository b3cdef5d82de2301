package dev.fastpath.nodeagent.cni;

import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.command.AttachmentTeardown;

/**
 * At agent start: an entry still in state {@code adding} is an ADD the previous agent never answered (it
 * crashed or was killed part-way); the runtime saw a failure, so everything that ADD did is rolled back.
 * Entries that fail to roll back stay for the next start or GC.
 */
public final class AttachmentRecovery {
    private AttachmentRecovery() {}

    /** Switch ports (vhost-user, kernel) no checkpoint entry names: see AttachmentHandler#removeOrphans. */
    public static int removeOrphans(CniServices services) {
        RequestLog log = new RequestLog("RECOVER orphans");
        int removed = 0;
        for (var handler : services.handlers().all()) removed += handler.removeOrphans(services.checkpoint()::all, log);
        return removed;
    }

    /** Returns how many half-done attachments were rolled back. */
    public static int rollBackHalfDone(CniServices services) {
        AttachmentTeardown teardown = new AttachmentTeardown(services);
        int rolledBack = 0;
        for (AttachmentRecord record : services.checkpoint().all()) {
            if (!record.isAdding()) continue;
            RequestLog log = new RequestLog("RECOVER " + record.network() + " " + record.key());
            try {
                teardown.teardown(record, log);
                rolledBack++;
            } catch (RuntimeException e) {
                log.warn("rollback failed, entry kept", e);
            }
        }
        return rolledBack;
    }
}
