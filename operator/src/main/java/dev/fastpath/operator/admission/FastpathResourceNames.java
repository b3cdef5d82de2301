package dev.fastpath.operator.admission;

import dev.fastpath.operator.admission.AttachmentLookup.AttachmentRef;

/** Extended-resource names the device plugins advertise (ARCHITECTURE.md, contracts). */
final class FastpathResourceNames {

    private FastpathResourceNames() {
    }

    static String resourceFor(AttachmentRef attachment) {
        return attachment.isVf() ? "fastpath.dev/" + attachment.pool() : "fastpath.dev/vhost-user";
    }
}
