package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Objects;

/**
 * The node-local vhost-user switch.
 */
@ValidationRule(value = Cel.PMDCORES_UNIQUE, message = Cel.PMDCORES_UNIQUE_MESSAGE, fieldPath = Cel.PMDCORES_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwitchConfig {

    @Default("false")
    @JsonPropertyDescription("Run the switch on the node.")
    private Boolean enabled;

    @Default("embedded")
    @JsonPropertyDescription("embedded (Fastpath's own DPDK switch, default) or ovs (Open vSwitch with DPDK).")
    private SwitchBackend backend;

    @JsonPropertyDescription("The switch's port to the outside: a PF or one of its VFs. No uplink: switching between local ports only.")
    private SwitchUplink uplink;

    @Size(max = 64)
    @JsonPropertyDescription("CPU ids of the poll-mode threads (unique).")
    private List<@Min(0) @Max(1023) Integer> pmdCores;

    @Min(64)
    @Max(65536)
    @Default("512")
    @JsonPropertyDescription("Hugepage memory of the switch in MiB (64-65536).")
    private Integer socketMemMb;

    public SwitchConfig() {
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /** Fluent setter for builders and tests. */
    public SwitchConfig withEnabled(Boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public SwitchBackend getBackend() {
        return backend;
    }

    public void setBackend(SwitchBackend backend) {
        this.backend = backend;
    }

    /** Fluent setter for builders and tests. */
    public SwitchConfig withBackend(SwitchBackend backend) {
        this.backend = backend;
        return this;
    }

    public SwitchUplink getUplink() {
        return uplink;
    }

    public void setUplink(SwitchUplink uplink) {
        this.uplink = uplink;
    }

    /** Fluent setter for builders and tests. */
    public SwitchConfig withUplink(SwitchUplink uplink) {
        this.uplink = uplink;
        return this;
    }

    public List<@Min(0) @Max(1023) Integer> getPmdCores() {
        return pmdCores;
    }

    public void setPmdCores(List<@Min(0) @Max(1023) Integer> pmdCores) {
        this.pmdCores = pmdCores;
    }

    /** Fluent setter for builders and tests. */
    public SwitchConfig withPmdCores(List<@Min(0) @Max(1023) Integer> pmdCores) {
        this.pmdCores = pmdCores;
        return this;
    }

    public Integer getSocketMemMb() {
        return socketMemMb;
    }

    public void setSocketMemMb(Integer socketMemMb) {
        this.socketMemMb = socketMemMb;
    }

    /** Fluent setter for builders and tests. */
    public SwitchConfig withSocketMemMb(Integer socketMemMb) {
        this.socketMemMb = socketMemMb;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SwitchConfig other)) {
            return false;
        }
        return Objects.equals(enabled, other.enabled)
                && Objects.equals(backend, other.backend)
                && Objects.equals(uplink, other.uplink)
                && Objects.equals(pmdCores, other.pmdCores)
                && Objects.equals(socketMemMb, other.socketMemMb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, backend, uplink, pmdCores, socketMemMb);
    }

    @Override
    public String toString() {
        return "SwitchConfig{" + "enabled=" + enabled
                + ", backend=" + backend
                + ", uplink=" + uplink
                + ", pmdCores=" + pmdCores
                + ", socketMemMb=" + socketMemMb + "}";
    }
}
