package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * A Flow Director rule as programmed on a PF.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlowRuleStatus {

    @JsonPropertyDescription("PF the rule is on.")
    private String pf;

    @JsonPropertyDescription("Rule name from the spec.")
    private String name;

    @JsonPropertyDescription("Flow Director table slot.")
    private Integer location;

    @JsonPropertyDescription("The NIC accepted the rule.")
    private Boolean programmed;

    @JsonPropertyDescription("Why the rule is not programmed.")
    private String message;

    public FlowRuleStatus() {
    }

    public String getPf() {
        return pf;
    }

    public void setPf(String pf) {
        this.pf = pf;
    }

    /** Fluent setter for builders and tests. */
    public FlowRuleStatus withPf(String pf) {
        this.pf = pf;
        return this;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public FlowRuleStatus withName(String name) {
        this.name = name;
        return this;
    }

    public Integer getLocation() {
        return location;
    }

    public void setLocation(Integer location) {
        this.location = location;
    }

    /** Fluent setter for builders and tests. */
    public FlowRuleStatus withLocation(Integer location) {
        this.location = location;
        return this;
    }

    public Boolean getProgrammed() {
        return programmed;
    }

    public void setProgrammed(Boolean programmed) {
        this.programmed = programmed;
    }

    /** Fluent setter for builders and tests. */
    public FlowRuleStatus withProgrammed(Boolean programmed) {
        this.programmed = programmed;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /** Fluent setter for builders and tests. */
    public FlowRuleStatus withMessage(String message) {
        this.message = message;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowRuleStatus other)) {
            return false;
        }
        return Objects.equals(pf, other.pf)
                && Objects.equals(name, other.name)
                && Objects.equals(location, other.location)
                && Objects.equals(programmed, other.programmed)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pf, name, location, programmed, message);
    }

    @Override
    public String toString() {
        return "FlowRuleStatus{" + "pf=" + pf
                + ", name=" + name
                + ", location=" + location
                + ", programmed=" + programmed
                + ", message=" + message + "}";
    }
}
