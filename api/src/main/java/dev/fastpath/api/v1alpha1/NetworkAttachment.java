package dev.fastpath.api.v1alpha1;

import dev.fastpath.api.FastpathResources;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A secondary network that pods (annotation {@code k8s.v1.cni.cncf.io/networks}) and KubeVirt VMs (annotation
 * {@code fastpath.dev/networks}) attach to by name. The operator renders the Multus NetworkAttachmentDefinition
 * of the same name in the same namespace.
 */
@Group(FastpathResources.GROUP)
@Categories("fastpath")
@Version(FastpathResources.VERSION)
@Kind("NetworkAttachment")
@Plural("networkattachments")
@Singular("networkattachment")
@ShortNames({"fpna", "fpnet"})
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".spec.pool", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VLAN", jsonPath = ".spec.vlan", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "MTU", jsonPath = ".spec.mtu", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Resource", jsonPath = ".status.resourceName", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NetworkAttachment extends CustomResource<NetworkAttachmentSpec, NetworkAttachmentStatus> implements Namespaced {

    public NetworkAttachment() {
    }

    public NetworkAttachment(String namespace, String name, NetworkAttachmentSpec spec) {
        getMetadata().setNamespace(namespace);
        getMetadata().setName(name);
        setSpec(spec);
    }
}
