package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.Objects;

/**
 * What the node really has, reported by its agent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStateStatus {

    @JsonPropertyDescription("The metadata.generation of the spec the agent last applied.")
    private Long observedGeneration;

    @JsonPropertyDescription("Number of PFs found (for kubectl get).")
    private Integer pfCount;

    @JsonPropertyDescription("Number of VFs present.")
    private Integer vfCount;

    @JsonPropertyDescription("VFs held by a pod or VM.")
    private Integer allocatedVfCount;

    @JsonPropertyDescription("Ports on the switch.")
    private Integer switchPortCount;

    @JsonPropertyDescription("PFs found on the node.")
    private List<PfStatus> pfs;

    @JsonPropertyDescription("VFs present, with their owner.")
    private List<VfStatus> vfs;

    @JsonPropertyDescription("Flow Director rules and whether they are programmed.")
    private List<FlowRuleStatus> flowRules;

    @JsonPropertyDescription("Ports on the node switch.")
    private List<SwitchPortStatus> switchPorts;

    @JsonPropertyDescription("Ready (spec applied), Degraded and other conditions.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The last error applying the spec, empty when the last apply succeeded.")
    private String lastError;

    public NodeStateStatus() {
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
        return this;
    }

    public Integer getPfCount() {
        return pfCount;
    }

    public void setPfCount(Integer pfCount) {
        this.pfCount = pfCount;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withPfCount(Integer pfCount) {
        this.pfCount = pfCount;
        return this;
    }

    public Integer getVfCount() {
        return vfCount;
    }

    public void setVfCount(Integer vfCount) {
        this.vfCount = vfCount;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withVfCount(Integer vfCount) {
        this.vfCount = vfCount;
        return this;
    }

    public Integer getAllocatedVfCount() {
        return allocatedVfCount;
    }

    public void setAllocatedVfCount(Integer allocatedVfCount) {
        this.allocatedVfCount = allocatedVfCount;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withAllocatedVfCount(Integer allocatedVfCount) {
        this.allocatedVfCount = allocatedVfCount;
        return this;
    }

    public Integer getSwitchPortCount() {
        return switchPortCount;
    }

    public void setSwitchPortCount(Integer switchPortCount) {
        this.switchPortCount = switchPortCount;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withSwitchPortCount(Integer switchPortCount) {
        this.switchPortCount = switchPortCount;
        return this;
    }

    public List<PfStatus> getPfs() {
        return pfs;
    }

    public void setPfs(List<PfStatus> pfs) {
        this.pfs = pfs;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withPfs(List<PfStatus> pfs) {
        this.pfs = pfs;
        return this;
    }

    public List<VfStatus> getVfs() {
        return vfs;
    }

    public void setVfs(List<VfStatus> vfs) {
        this.vfs = vfs;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withVfs(List<VfStatus> vfs) {
        this.vfs = vfs;
        return this;
    }

    public List<FlowRuleStatus> getFlowRules() {
        return flowRules;
    }

    public void setFlowRules(List<FlowRuleStatus> flowRules) {
        this.flowRules = flowRules;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withFlowRules(List<FlowRuleStatus> flowRules) {
        this.flowRules = flowRules;
        return this;
    }

    public List<SwitchPortStatus> getSwitchPorts() {
        return switchPorts;
    }

    public void setSwitchPorts(List<SwitchPortStatus> switchPorts) {
        this.switchPorts = switchPorts;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withSwitchPorts(List<SwitchPortStatus> switchPorts) {
        this.switchPorts = switchPorts;
        return this;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withConditions(List<Condition> conditions) {
        this.conditions = conditions;
        return this;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateStatus withLastError(String lastError) {
        this.lastError = lastError;
        return this;
    }

    /** Sets the counts shown by kubectl get from the lists, so they never disagree; returns this. */
    public NodeStateStatus summarize() {
        pfCount = pfs == null ? 0 : pfs.size();
        vfCount = vfs == null ? 0 : vfs.size();
        allocatedVfCount = vfs == null ? 0 : (int) vfs.stream().filter(vf -> vf.getOwner() != null).count();
        switchPortCount = switchPorts == null ? 0 : switchPorts.size();
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeStateStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(pfCount, other.pfCount)
                && Objects.equals(vfCount, other.vfCount)
                && Objects.equals(allocatedVfCount, other.allocatedVfCount)
                && Objects.equals(switchPortCount, other.switchPortCount)
                && Objects.equals(pfs, other.pfs)
                && Objects.equals(vfs, other.vfs)
                && Objects.equals(flowRules, other.flowRules)
                && Objects.equals(switchPorts, other.switchPorts)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(lastError, other.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, pfCount, vfCount, allocatedVfCount, switchPortCount, pfs, vfs, flowRules, switchPorts, conditions, lastError);
    }

    @Override
    public String toString() {
        return "NodeStateStatus{" + "observedGeneration=" + observedGeneration
                + ", pfCount=" + pfCount
                + ", vfCount=" + vfCount
                + ", allocatedVfCount=" + allocatedVfCount
                + ", switchPortCount=" + switchPortCount
                + ", pfs=" + pfs
                + ", vfs=" + vfs
                + ", flowRules=" + flowRules
                + ", switchPorts=" + switchPorts
                + ", conditions=" + conditions
                + ", lastError=" + lastError + "}";
    }
}
