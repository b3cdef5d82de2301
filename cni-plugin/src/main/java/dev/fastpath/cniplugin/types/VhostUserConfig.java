package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** vhost-user settings of an attachment: who creates the socket ({@code client}|{@code server}) and queue pairs. */
public record VhostUserConfig(@JsonProperty("mode") String mode, @JsonProperty("queues") Integer queues) {}
