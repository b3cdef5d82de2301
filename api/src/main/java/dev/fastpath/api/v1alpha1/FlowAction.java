package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Objects;

/**
 * Flow Director action: exactly one of drop, queue or vf.
 */
@ValidationRule(value = Cel.FLOWACTION_EXACTLY_ONE, message = Cel.FLOWACTION_EXACTLY_ONE_MESSAGE, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlowAction {

    @JsonPropertyDescription("Drop matching packets.")
    private Boolean drop;

    @Min(0)
    @Max(1535)
    @JsonPropertyDescription("Steer matching packets to this PF receive queue (0-1535).")
    private Integer queue;

    @Min(0)
    @Max(127)
    @JsonPropertyDescription("Steer matching packets to this VF index (0-127).")
    private Integer vf;

    public FlowAction() {
    }

    public Boolean getDrop() {
        return drop;
    }

    public void setDrop(Boolean drop) {
        this.drop = drop;
    }

    /** Fluent setter for builders and tests. */
    public FlowAction withDrop(Boolean drop) {
        this.drop = drop;
        return this;
    }

    public Integer getQueue() {
        return queue;
    }

    public void setQueue(Integer queue) {
        this.queue = queue;
    }

    /** Fluent setter for builders and tests. */
    public FlowAction withQueue(Integer queue) {
        this.queue = queue;
        return this;
    }

    public Integer getVf() {
        return vf;
    }

    public void setVf(Integer vf) {
        this.vf = vf;
    }

    /** Fluent setter for builders and tests. */
    public FlowAction withVf(Integer vf) {
        this.vf = vf;
        return this;
    }

    /** Drop matching packets. */
    public static FlowAction dropPackets() {
        return new FlowAction().withDrop(true);
    }

    /** Steer matching packets to a PF receive queue. */
    public static FlowAction toQueue(int queue) {
        return new FlowAction().withQueue(queue);
    }

    /** Steer matching packets to a VF. */
    public static FlowAction toVf(int vf) {
        return new FlowAction().withVf(vf);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowAction other)) {
            return false;
        }
        return Objects.equals(drop, other.drop)
                && Objects.equals(queue, other.queue)
                && Objects.equals(vf, other.vf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(drop, queue, vf);
    }

    @Override
    public String toString() {
        return "FlowAction{" + "drop=" + drop
                + ", queue=" + queue
                + ", vf=" + vf + "}";
    }
}
