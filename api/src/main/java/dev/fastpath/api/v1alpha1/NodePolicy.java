package dev.fastpath.api.v1alpha1;

import dev.fastpath.api.FastpathResources;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster-scoped: which nodes and PFs get how many VFs, which VF ranges form which pool, Flow Director rules and
 * the node switch. The operator merges the policies matching a node into that node's {@link NodeState}.
 */
@Group(FastpathResources.GROUP)
@Categories("fastpath")
@Version(FastpathResources.VERSION)
@Kind("NodePolicy")
@Plural("nodepolicies")
@Singular("nodepolicy")
@ShortNames({"fpnp"})
@AdditionalPrinterColumn(name = "Priority", jsonPath = ".spec.priority", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "NumVFs", jsonPath = ".spec.numVfs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Switch", jsonPath = ".spec.switch.enabled", type = AdditionalPrinterColumn.Type.BOOLEAN, priority = 1)
@AdditionalPrinterColumn(name = "Matched", jsonPath = ".status.matchedNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Synced", jsonPath = ".status.syncedNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Degraded", jsonPath = ".status.degradedNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NodePolicy extends CustomResource<NodePolicySpec, NodePolicyStatus> {

    public NodePolicy() {
    }

    public NodePolicy(String name, NodePolicySpec spec) {
        getMetadata().setName(name);
        setSpec(spec);
    }
}
