package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Desired VFs, pools, Flow Director rules and switch of the nodes and NICs a NodePolicy selects.
 */
@ValidationRule(value = Cel.VFGROUPS_INSIDE_NUMVFS, message = Cel.VFGROUPS_INSIDE_NUMVFS_MESSAGE, fieldPath = Cel.VFGROUPS_INSIDE_NUMVFS_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.VFGROUPS_DISJOINT, message = Cel.VFGROUPS_DISJOINT_MESSAGE, fieldPath = Cel.VFGROUPS_DISJOINT_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.VFGROUPS_POOL_DRIVER, message = Cel.VFGROUPS_POOL_DRIVER_MESSAGE, fieldPath = Cel.VFGROUPS_POOL_DRIVER_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.FLOWRULE_NAMES_UNIQUE, message = Cel.FLOWRULE_NAMES_UNIQUE_MESSAGE, fieldPath = Cel.FLOWRULE_NAMES_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@ValidationRule(value = Cel.FLOWRULE_LOCATIONS_UNIQUE, message = Cel.FLOWRULE_LOCATIONS_UNIQUE_MESSAGE, fieldPath = Cel.FLOWRULE_LOCATIONS_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@ValidationRule(value = Cel.FLOWRULE_VF_INSIDE_NUMVFS, message = Cel.FLOWRULE_VF_INSIDE_NUMVFS_MESSAGE, fieldPath = Cel.FLOWRULE_VF_INSIDE_NUMVFS_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.FLOWRULE_INPUT_SET, message = Cel.FLOWRULE_INPUT_SET_MESSAGE, fieldPath = Cel.FLOWRULE_INPUT_SET_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.UPLINK_VF_FREE, message = Cel.UPLINK_VF_FREE_MESSAGE, fieldPath = Cel.UPLINK_VF_FREE_FIELD, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePolicySpec {

    @JsonPropertyDescription("Labels a node must have to be configured by this policy; empty selects every node.")
    private Map<String, String> nodeSelector;

    @Min(0)
    @Max(99)
    @Default("99")
    @JsonPropertyDescription("0 (highest) to 99 (lowest, default): which policy wins when several configure the same PF.")
    private Integer priority;

    @Min(1)
    @JsonPropertyDescription("How many of this policy's nodes may be in a disruptive change (numVfs, a vfGroup's driver) at once; "
            + "like SriovNetworkPoolConfig.maxUnavailable. Absent: the operator's default (1). Live changes roll out everywhere at once.")
    private Integer maxUnavailable;

    @Required
    @JsonPropertyDescription("Which PFs of a selected node this policy configures.")
    private NicSelector nicSelector;

    @Required
    @Min(0)
    @Max(128)
    @JsonPropertyDescription("Number of VFs to create on each selected PF (0-128; i40e caps at 128 and the PF's sriov_totalvfs wins).")
    private Integer numVfs;

    @Size(max = 32)
    @JsonPropertyDescription("VF index ranges and the pool, driver and MTU of each; ranges lie inside numVfs and do not overlap.")
    private List<VfGroup> vfGroups;

    @Size(max = 64)
    @JsonPropertyDescription("Flow Director (ethtool ntuple) rules programmed on each selected PF (at most 64, which bounds the CEL cost of the rules comparing them).")
    private List<FlowRule> flowRules;

    @JsonProperty("switch")
    @JsonPropertyDescription("The node-local vhost-user switch.")
    private SwitchConfig switchConfig;

    public NodePolicySpec() {
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
        return this;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withPriority(Integer priority) {
        this.priority = priority;
        return this;
    }

    public Integer getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(Integer maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withMaxUnavailable(Integer maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
        return this;
    }

    public NicSelector getNicSelector() {
        return nicSelector;
    }

    public void setNicSelector(NicSelector nicSelector) {
        this.nicSelector = nicSelector;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withNicSelector(NicSelector nicSelector) {
        this.nicSelector = nicSelector;
        return this;
    }

    public Integer getNumVfs() {
        return numVfs;
    }

    public void setNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
        return this;
    }

    public List<VfGroup> getVfGroups() {
        return vfGroups;
    }

    public void setVfGroups(List<VfGroup> vfGroups) {
        this.vfGroups = vfGroups;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withVfGroups(List<VfGroup> vfGroups) {
        this.vfGroups = vfGroups;
        return this;
    }

    public List<FlowRule> getFlowRules() {
        return flowRules;
    }

    public void setFlowRules(List<FlowRule> flowRules) {
        this.flowRules = flowRules;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withFlowRules(List<FlowRule> flowRules) {
        this.flowRules = flowRules;
        return this;
    }

    public SwitchConfig getSwitchConfig() {
        return switchConfig;
    }

    public void setSwitchConfig(SwitchConfig switchConfig) {
        this.switchConfig = switchConfig;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicySpec withSwitchConfig(SwitchConfig switchConfig) {
        this.switchConfig = switchConfig;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodePolicySpec other)) {
            return false;
        }
        return Objects.equals(nodeSelector, other.nodeSelector)
                && Objects.equals(priority, other.priority)
                && Objects.equals(maxUnavailable, other.maxUnavailable)
                && Objects.equals(nicSelector, other.nicSelector)
                && Objects.equals(numVfs, other.numVfs)
                && Objects.equals(vfGroups, other.vfGroups)
                && Objects.equals(flowRules, other.flowRules)
                && Objects.equals(switchConfig, other.switchConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeSelector, priority, maxUnavailable, nicSelector, numVfs, vfGroups, flowRules, switchConfig);
    }

    @Override
    public String toString() {
        return "NodePolicySpec{" + "nodeSelector=" + nodeSelector
                + ", priority=" + priority
                + ", maxUnavailable=" + maxUnavailable
                + ", nicSelector=" + nicSelector
                + ", numVfs=" + numVfs
                + ", vfGroups=" + vfGroups
                + ", flowRules=" + flowRules
                + ", switchConfig=" + switchConfig + "}";
    }
}
