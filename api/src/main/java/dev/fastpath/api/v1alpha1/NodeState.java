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
 * Cluster-scoped, one per node and named after it ({@link FastpathResources#nodeStateName(String)}): the spec is
 * the merged desired state the operator computed for the node, the status is what the node agent really found.
 */
@Group(FastpathResources.GROUP)
@Categories("fastpath")
@Version(FastpathResources.VERSION)
@Kind("NodeState")
@Plural("nodestates")
@Singular("nodestate")
@ShortNames({"fpns"})
@AdditionalPrinterColumn(name = "PFs", jsonPath = ".status.pfCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VFs", jsonPath = ".status.vfCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "InUse", jsonPath = ".status.allocatedVfCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ports", jsonPath = ".status.switchPortCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Error", jsonPath = ".status.lastError", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NodeState extends CustomResource<NodeStateSpec, NodeStateStatus> {

    public NodeState() {
    }

    public NodeState(String nodeName, NodeStateSpec spec) {
        getMetadata().setName(FastpathResources.nodeStateName(nodeName));
        setSpec(spec);
    }
}
