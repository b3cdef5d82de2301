package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * A port on the node switch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwitchPortStatus {

    @JsonPropertyDescription("Port name.")
    private String name;

    @JsonPropertyDescription("Port type: vhost-user, kernel or uplink.")
    private String type;

    @JsonPropertyDescription("vhost-user socket path.")
    private String socket;

    @JsonPropertyDescription("up or down.")
    private String state;

    @JsonPropertyDescription("The pod or VM the port belongs to.")
    private VfOwner owner;

    @JsonPropertyDescription("Packet and byte counters.")
    private PortCounters counters;

    public SwitchPortStatus() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withName(String name) {
        this.name = name;
        return this;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withType(String type) {
        this.type = type;
        return this;
    }

    public String getSocket() {
        return socket;
    }

    public void setSocket(String socket) {
        this.socket = socket;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withSocket(String socket) {
        this.socket = socket;
        return this;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withState(String state) {
        this.state = state;
        return this;
    }

    public VfOwner getOwner() {
        return owner;
    }

    public void setOwner(VfOwner owner) {
        this.owner = owner;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withOwner(VfOwner owner) {
        this.owner = owner;
        return this;
    }

    public PortCounters getCounters() {
        return counters;
    }

    public void setCounters(PortCounters counters) {
        this.counters = counters;
    }

    /** Fluent setter for builders and tests. */
    public SwitchPortStatus withCounters(PortCounters counters) {
        this.counters = counters;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SwitchPortStatus other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(type, other.type)
                && Objects.equals(socket, other.socket)
                && Objects.equals(state, other.state)
                && Objects.equals(owner, other.owner)
                && Objects.equals(counters, other.counters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, socket, state, owner, counters);
    }

    @Override
    public String toString() {
        return "SwitchPortStatus{" + "name=" + name
                + ", type=" + type
                + ", socket=" + socket
                + ", state=" + state
                + ", owner=" + owner
                + ", counters=" + counters + "}";
    }
}
