package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Objects;

/**
 * One Flow Director rule: match fields of a flow type and exactly one action.
 */
@ValidationRule(value = Cel.FLOWRULE_PORTS_L4, message = Cel.FLOWRULE_PORTS_L4_MESSAGE, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.FLOWRULE_SRC_FAMILY, message = Cel.FLOWRULE_SRC_FAMILY_MESSAGE, fieldPath = Cel.FLOWRULE_SRC_FAMILY_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.FLOWRULE_DST_FAMILY, message = Cel.FLOWRULE_DST_FAMILY_MESSAGE, fieldPath = Cel.FLOWRULE_DST_FAMILY_FIELD, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlowRule {

    @Required
    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @JsonPropertyDescription("Rule name, unique in the policy.")
    private String name;

    @Required
    @JsonPropertyDescription("tcp4, udp4, sctp4, ip4, tcp6, udp6, sctp6 or ip6.")
    private FlowType flowType;

    @Size(max = 49)
    @Pattern(Patterns.IP_WITH_PREFIX)
    @ValidationRule(value = Cel.IP_FULL_PREFIX, message = Cel.IP_FULL_PREFIX_MESSAGE, reason = Cel.INVALID)
    @JsonPropertyDescription("Source address with optional prefix; i40e matches whole addresses only (/32, /128).")
    private String srcIp;

    @Size(max = 49)
    @Pattern(Patterns.IP_WITH_PREFIX)
    @ValidationRule(value = Cel.IP_FULL_PREFIX, message = Cel.IP_FULL_PREFIX_MESSAGE, reason = Cel.INVALID)
    @JsonPropertyDescription("Destination address with optional prefix; i40e matches whole addresses only (/32, /128).")
    private String dstIp;

    @Min(0)
    @Max(65535)
    @JsonPropertyDescription("Source port (tcp, udp, sctp flow types only).")
    private Integer srcPort;

    @Min(0)
    @Max(65535)
    @JsonPropertyDescription("Destination port (tcp, udp, sctp flow types only).")
    private Integer dstPort;

    @Min(0)
    @Max(8191)
    @JsonPropertyDescription("Flow Director table slot (0-8191); chosen by the agent when unset.")
    private Integer location;

    @Required
    @JsonPropertyDescription("What to do with matching packets: exactly one of drop, queue, vf.")
    private FlowAction action;

    public FlowRule() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withName(String name) {
        this.name = name;
        return this;
    }

    public FlowType getFlowType() {
        return flowType;
    }

    public void setFlowType(FlowType flowType) {
        this.flowType = flowType;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withFlowType(FlowType flowType) {
        this.flowType = flowType;
        return this;
    }

    public String getSrcIp() {
        return srcIp;
    }

    public void setSrcIp(String srcIp) {
        this.srcIp = srcIp;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withSrcIp(String srcIp) {
        this.srcIp = srcIp;
        return this;
    }

    public String getDstIp() {
        return dstIp;
    }

    public void setDstIp(String dstIp) {
        this.dstIp = dstIp;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withDstIp(String dstIp) {
        this.dstIp = dstIp;
        return this;
    }

    public Integer getSrcPort() {
        return srcPort;
    }

    public void setSrcPort(Integer srcPort) {
        this.srcPort = srcPort;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withSrcPort(Integer srcPort) {
        this.srcPort = srcPort;
        return this;
    }

    public Integer getDstPort() {
        return dstPort;
    }

    public void setDstPort(Integer dstPort) {
        this.dstPort = dstPort;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withDstPort(Integer dstPort) {
        this.dstPort = dstPort;
        return this;
    }

    public Integer getLocation() {
        return location;
    }

    public void setLocation(Integer location) {
        this.location = location;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withLocation(Integer location) {
        this.location = location;
        return this;
    }

    public FlowAction getAction() {
        return action;
    }

    public void setAction(FlowAction action) {
        this.action = action;
    }

    /** Fluent setter for builders and tests. */
    public FlowRule withAction(FlowAction action) {
        this.action = action;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowRule other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(flowType, other.flowType)
                && Objects.equals(srcIp, other.srcIp)
                && Objects.equals(dstIp, other.dstIp)
                && Objects.equals(srcPort, other.srcPort)
                && Objects.equals(dstPort, other.dstPort)
                && Objects.equals(location, other.location)
                && Objects.equals(action, other.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, flowType, srcIp, dstIp, srcPort, dstPort, location, action);
    }

    @Override
    public String toString() {
        return "FlowRule{" + "name=" + name
                + ", flowType=" + flowType
                + ", srcIp=" + srcIp
                + ", dstIp=" + dstIp
                + ", srcPort=" + srcPort
                + ", dstPort=" + dstPort
                + ", location=" + location
                + ", action=" + action + "}";
    }
}
