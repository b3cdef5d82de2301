package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** CNI DNS settings (netconf {@code dns} and result {@code dns}). */
public record Dns(
        @JsonProperty("nameservers") List<String> nameservers,
        @JsonProperty("domain") String domain,
        @JsonProperty("search") List<String> search,
        @JsonProperty("options") List<String> options) {}
