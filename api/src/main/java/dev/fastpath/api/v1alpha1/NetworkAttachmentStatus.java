package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.Objects;

/**
 * Observed state of a NetworkAttachment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkAttachmentStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready (reasons: NetworkAttachmentDefinitionReady, PoolUnknown, Invalid) and other conditions.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Name of the Multus NetworkAttachmentDefinition rendered for this attachment (same namespace).")
    private String networkAttachmentDefinition;

    @JsonPropertyDescription("Extended resource the workload requests: fastpath.dev/<pool> or fastpath.dev/vhost-user.")
    private String resourceName;

    public NetworkAttachmentStatus() {
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentStatus withObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
        return this;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentStatus withConditions(List<Condition> conditions) {
        this.conditions = conditions;
        return this;
    }

    public String getNetworkAttachmentDefinition() {
        return networkAttachmentDefinition;
    }

    public void setNetworkAttachmentDefinition(String networkAttachmentDefinition) {
        this.networkAttachmentDefinition = networkAttachmentDefinition;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentStatus withNetworkAttachmentDefinition(String networkAttachmentDefinition) {
        this.networkAttachmentDefinition = networkAttachmentDefinition;
        return this;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentStatus withResourceName(String resourceName) {
        this.resourceName = resourceName;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NetworkAttachmentStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(networkAttachmentDefinition, other.networkAttachmentDefinition)
                && Objects.equals(resourceName, other.resourceName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, networkAttachmentDefinition, resourceName);
    }

    @Override
    public String toString() {
        return "NetworkAttachmentStatus{" + "observedGeneration=" + observedGeneration
                + ", conditions=" + conditions
                + ", networkAttachmentDefinition=" + networkAttachmentDefinition
                + ", resourceName=" + resourceName + "}";
    }
}
