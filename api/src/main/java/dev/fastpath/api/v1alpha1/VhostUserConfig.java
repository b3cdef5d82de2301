package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

import java.util.Objects;

/**
 * vhost-user socket settings of a NetworkAttachment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VhostUserConfig {

    @Default("server")
    @JsonPropertyDescription("Role of the workload on the socket: server (default; the switch reconnects as client after a restart) or client.")
    private VhostUserMode mode;

    @Min(1)
    @Max(16)
    @Default("1")
    @JsonPropertyDescription("Number of queue pairs (1-16).")
    private Integer queues;

    public VhostUserConfig() {
    }

    public VhostUserMode getMode() {
        return mode;
    }

    public void setMode(VhostUserMode mode) {
        this.mode = mode;
    }

    /** Fluent setter for builders and tests. */
    public VhostUserConfig withMode(VhostUserMode mode) {
        this.mode = mode;
        return this;
    }

    public Integer getQueues() {
        return queues;
    }

    public void setQueues(Integer queues) {
        this.queues = queues;
    }

    /** Fluent setter for builders and tests. */
    public VhostUserConfig withQueues(Integer queues) {
        this.queues = queues;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VhostUserConfig other)) {
            return false;
        }
        return Objects.equals(mode, other.mode)
                && Objects.equals(queues, other.queues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, queues);
    }

    @Override
    public String toString() {
        return "VhostUserConfig{" + "mode=" + mode
                + ", queues=" + queues + "}";
    }
}
