package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Objects;

/**
 * Desired configuration of one PF on the node.
 */
@ValidationRule(value = Cel.VFGROUPS_INSIDE_NUMVFS, message = Cel.VFGROUPS_INSIDE_NUMVFS_MESSAGE, fieldPath = Cel.VFGROUPS_INSIDE_NUMVFS_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.VFGROUPS_DISJOINT, message = Cel.VFGROUPS_DISJOINT_MESSAGE, fieldPath = Cel.VFGROUPS_DISJOINT_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.VFGROUPS_POOL_DRIVER, message = Cel.VFGROUPS_POOL_DRIVER_MESSAGE, fieldPath = Cel.VFGROUPS_POOL_DRIVER_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.FLOWRULE_NAMES_UNIQUE, message = Cel.FLOWRULE_NAMES_UNIQUE_MESSAGE, fieldPath = Cel.FLOWRULE_NAMES_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@ValidationRule(value = Cel.FLOWRULE_LOCATIONS_UNIQUE, message = Cel.FLOWRULE_LOCATIONS_UNIQUE_MESSAGE, fieldPath = Cel.FLOWRULE_LOCATIONS_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@ValidationRule(value = Cel.FLOWRULE_VF_INSIDE_NUMVFS, message = Cel.FLOWRULE_VF_INSIDE_NUMVFS_MESSAGE, fieldPath = Cel.FLOWRULE_VF_INSIDE_NUMVFS_FIELD, reason = Cel.INVALID)
@ValidationRule(value = Cel.FLOWRULE_INPUT_SET, message = Cel.FLOWRULE_INPUT_SET_MESSAGE, fieldPath = Cel.FLOWRULE_INPUT_SET_FIELD, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PfSpec {

    @Required
    @Size(max = 15)
    @Pattern(Patterns.NETDEV_NAME)
    @JsonPropertyDescription("PF netdev name.")
    private String name;

    @Size(max = 12)
    @Pattern(Patterns.PCI_ADDRESS)
    @JsonPropertyDescription("PF PCI address, e.g. 0000:03:00.0.")
    private String pci;

    @Required
    @Min(0)
    @Max(128)
    @JsonPropertyDescription("Number of VFs.")
    private Integer numVfs;

    @Size(max = 32)
    @JsonPropertyDescription("VF ranges with their pool, driver and MTU.")
    private List<VfGroup> vfGroups;

    @Size(max = 64)
    @JsonPropertyDescription("Flow Director rules for this PF (at most 64).")
    private List<FlowRule> flowRules;

    @JsonPropertyDescription("The NodePolicy this PF's configuration comes from.")
    private String policy;

    public PfSpec() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public PfSpec withName(String name) {
        this.name = name;
        return this;
    }

    public String getPci() {
        return pci;
    }

    public void setPci(String pci) {
        this.pci = pci;
    }

    /** Fluent setter for builders and tests. */
    public PfSpec withPci(String pci) {
        this.pci = pci;
        return this;
    }

    public Integer getNumVfs() {
        return numVfs;
    }

    public void setNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
    }

    /** Fluent setter for builders and tests. */
    public PfSpec withNumVfs(Integer numVfs) {
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
    public PfSpec withVfGroups(List<VfGroup> vfGroups) {
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
    public PfSpec withFlowRules(List<FlowRule> flowRules) {
        this.flowRules = flowRules;
        return this;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /** Fluent setter for builders and tests. */
    public PfSpec withPolicy(String policy) {
        this.policy = policy;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PfSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(pci, other.pci)
                && Objects.equals(numVfs, other.numVfs)
                && Objects.equals(vfGroups, other.vfGroups)
                && Objects.equals(flowRules, other.flowRules)
                && Objects.equals(policy, other.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pci, numVfs, vfGroups, flowRules, policy);
    }

    @Override
    public String toString() {
        return "PfSpec{" + "name=" + name
                + ", pci=" + pci
                + ", numVfs=" + numVfs
                + ", vfGroups=" + vfGroups
                + ", flowRules=" + flowRules
                + ", policy=" + policy + "}";
    }
}
