package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Objects;

/**
 * The merged desired state of one node, written by the operator from the NodePolicies that match it.
 */
@ValidationRule(value = Cel.PF_NAMES_UNIQUE, message = Cel.PF_NAMES_UNIQUE_MESSAGE, fieldPath = Cel.PF_NAMES_UNIQUE_FIELD, reason = Cel.DUPLICATE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStateSpec {

    @Size(max = 16)
    @JsonPropertyDescription("Desired configuration per PF (at most 16, which bounds the CEL cost of the per-PF rules).")
    private List<PfSpec> pfs;

    @JsonProperty("switch")
    @JsonPropertyDescription("The node's switch (from the highest-priority policy that sets one).")
    private SwitchConfig switchConfig;

    @Size(max = 256)
    @JsonPropertyDescription("Names of the NodePolicies that contributed.")
    private List<@Size(max = 253) String> policies;

    public NodeStateSpec() {
    }

    public List<PfSpec> getPfs() {
        return pfs;
    }

    public void setPfs(List<PfSpec> pfs) {
        this.pfs = pfs;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateSpec withPfs(List<PfSpec> pfs) {
        this.pfs = pfs;
        return this;
    }

    public SwitchConfig getSwitchConfig() {
        return switchConfig;
    }

    public void setSwitchConfig(SwitchConfig switchConfig) {
        this.switchConfig = switchConfig;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateSpec withSwitchConfig(SwitchConfig switchConfig) {
        this.switchConfig = switchConfig;
        return this;
    }

    public List<@Size(max = 253) String> getPolicies() {
        return policies;
    }

    public void setPolicies(List<@Size(max = 253) String> policies) {
        this.policies = policies;
    }

    /** Fluent setter for builders and tests. */
    public NodeStateSpec withPolicies(List<@Size(max = 253) String> policies) {
        this.policies = policies;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeStateSpec other)) {
            return false;
        }
        return Objects.equals(pfs, other.pfs)
                && Objects.equals(switchConfig, other.switchConfig)
                && Objects.equals(policies, other.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pfs, switchConfig, policies);
    }

    @Override
    public String toString() {
        return "NodeStateSpec{" + "pfs=" + pfs
                + ", switchConfig=" + switchConfig
                + ", policies=" + policies + "}";
    }
}
