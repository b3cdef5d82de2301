package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.Objects;

/**
 * Observed state of a NodePolicy across the cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePolicyStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Nodes whose labels and NICs match the policy.")
    private Integer matchedNodes;

    @JsonPropertyDescription("Matched nodes whose NodeState reports this policy applied.")
    private Integer syncedNodes;

    @JsonPropertyDescription("Matched nodes that report an error applying it.")
    private Integer degradedNodes;

    @JsonPropertyDescription("Ready, Degraded and other conditions.")
    private List<Condition> conditions;

    public NodePolicyStatus() {
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicyStatus withObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
        return this;
    }

    public Integer getMatchedNodes() {
        return matchedNodes;
    }

    public void setMatchedNodes(Integer matchedNodes) {
        this.matchedNodes = matchedNodes;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicyStatus withMatchedNodes(Integer matchedNodes) {
        this.matchedNodes = matchedNodes;
        return this;
    }

    public Integer getSyncedNodes() {
        return syncedNodes;
    }

    public void setSyncedNodes(Integer syncedNodes) {
        this.syncedNodes = syncedNodes;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicyStatus withSyncedNodes(Integer syncedNodes) {
        this.syncedNodes = syncedNodes;
        return this;
    }

    public Integer getDegradedNodes() {
        return degradedNodes;
    }

    public void setDegradedNodes(Integer degradedNodes) {
        this.degradedNodes = degradedNodes;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicyStatus withDegradedNodes(Integer degradedNodes) {
        this.degradedNodes = degradedNodes;
        return this;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Fluent setter for builders and tests. */
    public NodePolicyStatus withConditions(List<Condition> conditions) {
        this.conditions = conditions;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodePolicyStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(matchedNodes, other.matchedNodes)
                && Objects.equals(syncedNodes, other.syncedNodes)
                && Objects.equals(degradedNodes, other.degradedNodes)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, matchedNodes, syncedNodes, degradedNodes, conditions);
    }

    @Override
    public String toString() {
        return "NodePolicyStatus{" + "observedGeneration=" + observedGeneration
                + ", matchedNodes=" + matchedNodes
                + ", syncedNodes=" + syncedNodes
                + ", degradedNodes=" + degradedNodes
                + ", conditions=" + conditions + "}";
    }
}
