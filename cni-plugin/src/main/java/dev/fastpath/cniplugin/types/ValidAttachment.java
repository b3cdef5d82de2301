package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of GC's {@code cni.dev/valid-attachments}: an attachment the runtime still uses. */
public record ValidAttachment(@JsonProperty("containerID") String containerID, @JsonProperty("ifname") String ifname) {}
