package dev.fastpath.cniplugin.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The CNI error answer; codes in {@link CniErrorCode}. */
public record CniError(
        @JsonProperty("cniVersion") String cniVersion,
        @JsonProperty("code") int code,
        @JsonProperty("msg") String msg,
        @JsonProperty("details") String details) {}
