package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;

/**
 * The placeholder for an attachment type no handler is wired for (AttachmentHandlers fills every type with one,
 * then replaces it with the real handlers given). Such a request fails validation with code 2 (unsupported
 * field: the message names "attachment" and its value, as the spec asks) instead of pretending; DEL of such an
 * attachment has nothing to undo.
 */
public final class UnsupportedAttachmentHandler implements AttachmentHandler {
    private final AttachmentType type;

    public UnsupportedAttachmentHandler(AttachmentType type) {
        this.type = type;
    }

    @Override
    public AttachmentType type() {
        return type;
    }

    @Override
    public void validate(CniRequest request) {
        throw new CniException(CniErrorCode.UNSUPPORTED_FIELD, "\"attachment\": \"" + type + "\" is not served by this agent (no handler wired for it)");
    }

    @Override
    public AttachOutcome add(AttachContext context) {
        validate(context.request());
        return null;
    }

    @Override
    public void del(AttachmentRecord record) {
        // Never added, so nothing to undo.
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        validate(request);
    }
}
