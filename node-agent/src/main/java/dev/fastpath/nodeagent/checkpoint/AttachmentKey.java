package dev.fastpath.nodeagent.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** CNI identifies an attachment by (CNI_CONTAINERID, CNI_IFNAME). */
public record AttachmentKey(String containerId, String ifname) {
    /** A file name that cannot collide: container ids are [A-Za-z0-9_.-], the ifname is hex-encoded. */
    String fileName() {
        return containerId + "." + HexFormat.of().formatHex(ifname.getBytes(StandardCharsets.UTF_8)) + ".json";
    }

    @Override
    public String toString() {
        return containerId + "/" + ifname;
    }
}
