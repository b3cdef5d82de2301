package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * Counters of a switch port.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PortCounters {

    @JsonPropertyDescription("Packets received from the port.")
    private Long rxPackets;

    @JsonPropertyDescription("Packets sent to the port.")
    private Long txPackets;

    @JsonPropertyDescription("Bytes received.")
    private Long rxBytes;

    @JsonPropertyDescription("Bytes sent.")
    private Long txBytes;

    @JsonPropertyDescription("Received packets dropped.")
    private Long rxDropped;

    @JsonPropertyDescription("Packets dropped on transmit (e.g. the guest ring was full).")
    private Long txDropped;

    public PortCounters() {
    }

    public Long getRxPackets() {
        return rxPackets;
    }

    public void setRxPackets(Long rxPackets) {
        this.rxPackets = rxPackets;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withRxPackets(Long rxPackets) {
        this.rxPackets = rxPackets;
        return this;
    }

    public Long getTxPackets() {
        return txPackets;
    }

    public void setTxPackets(Long txPackets) {
        this.txPackets = txPackets;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withTxPackets(Long txPackets) {
        this.txPackets = txPackets;
        return this;
    }

    public Long getRxBytes() {
        return rxBytes;
    }

    public void setRxBytes(Long rxBytes) {
        this.rxBytes = rxBytes;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withRxBytes(Long rxBytes) {
        this.rxBytes = rxBytes;
        return this;
    }

    public Long getTxBytes() {
        return txBytes;
    }

    public void setTxBytes(Long txBytes) {
        this.txBytes = txBytes;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withTxBytes(Long txBytes) {
        this.txBytes = txBytes;
        return this;
    }

    public Long getRxDropped() {
        return rxDropped;
    }

    public void setRxDropped(Long rxDropped) {
        this.rxDropped = rxDropped;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withRxDropped(Long rxDropped) {
        this.rxDropped = rxDropped;
        return this;
    }

    public Long getTxDropped() {
        return txDropped;
    }

    public void setTxDropped(Long txDropped) {
        this.txDropped = txDropped;
    }

    /** Fluent setter for builders and tests. */
    public PortCounters withTxDropped(Long txDropped) {
        this.txDropped = txDropped;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PortCounters other)) {
            return false;
        }
        return Objects.equals(rxPackets, other.rxPackets)
                && Objects.equals(txPackets, other.txPackets)
                && Objects.equals(rxBytes, other.rxBytes)
                && Objects.equals(txBytes, other.txBytes)
                && Objects.equals(rxDropped, other.rxDropped)
                && Objects.equals(txDropped, other.txDropped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rxPackets, txPackets, rxBytes, txBytes, rxDropped, txDropped);
    }

    @Override
    public String toString() {
        return "PortCounters{" + "rxPackets=" + rxPackets
                + ", txPackets=" + txPackets
                + ", rxBytes=" + rxBytes
                + ", txBytes=" + txBytes
                + ", rxDropped=" + rxDropped
                + ", txDropped=" + txDropped + "}";
    }
}
