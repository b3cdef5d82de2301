package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.operator.admission.AttachmentLookup.AttachmentRef;

import java.util.Optional;

import static dev.fastpath.operator.admission.PodMutator.arrayAt;
import static dev.fastpath.operator.admission.PodMutator.objectAt;

/**
 * Wires KubeVirt VMs to Fastpath networks named in the {@code fastpath.dev/networks: a,b} annotation.
 * For each attachment it adds an interface ({@code sriov: {}} for sriov-dpdk, the {@code fastpath-vhostuser}
 * network binding plugin for vhost-user) and the matching {@code networks[].multus.networkName}, keeping every
 * interface and network the user wrote. Works on raw JSON so the operator needs no KubeVirt model and runs on
 * clusters without KubeVirt. A {@code VirtualMachine} is edited in {@code spec.template.spec}, a
 * {@code VirtualMachineInstance} in {@code spec}.
 */
public final class KubeVirtMutator {

    public static final String ANNOTATION = "fastpath.dev/networks";
    public static final String VHOST_USER_BINDING = "fastpath-vhostuser";

    private final AttachmentLookup attachments;

    public KubeVirtMutator(AttachmentLookup attachments) {
        this.attachments = attachments;
    }

    public AdmissionDecision mutate(String kind, JsonNode object, String namespace) {
        String annotation = object.path("metadata").path("annotations").path(ANNOTATION).asText(null);
        if (annotation == null || annotation.isBlank()) {
            return AdmissionDecision.allow();
        }
        ObjectNode mutated = object.deepCopy();
        ObjectNode vmSpec;
        if ("VirtualMachine".equals(kind)) {
            vmSpec = objectAt(objectAt(objectAt(mutated, "spec"), "template"), "spec");
        } else if ("VirtualMachineInstance".equals(kind)) {
            vmSpec = objectAt(mutated, "spec");
        } else {
            return AdmissionDecision.deny("kind " + kind + " is not a KubeVirt VirtualMachine or VirtualMachineInstance");
        }
        ObjectNode devices = objectAt(objectAt(vmSpec, "domain"), "devices");
        ArrayNode interfaces = arrayAt(devices, "interfaces");
        ArrayNode networks = arrayAt(vmSpec, "networks");
        keepDefaultPodNetwork(devices, interfaces, networks);
        for (String raw : annotation.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String attachmentNamespace = slash >= 0 ? entry.substring(0, slash) : namespace;
            String name = slash >= 0 ? entry.substring(slash + 1) : entry;
            Optional<AttachmentRef> found = attachments.find(attachmentNamespace, name);
            if (found.isEmpty()) {
                return AdmissionDecision.deny("metadata.annotations[" + ANNOTATION + "]: no NetworkAttachment '"
                        + name + "' in namespace '" + attachmentNamespace + "'");
            }
            AttachmentRef attachment = found.get();
            if (!"sriov-dpdk".equals(attachment.type()) && !"vhost-user".equals(attachment.type())) {
                return AdmissionDecision.deny("metadata.annotations[" + ANNOTATION + "]: NetworkAttachment '" + name
                        + "' has type " + attachment.type() + "; a VM attaches only sriov-dpdk or vhost-user");
            }
            if (!hasName(interfaces, name)) {
                ObjectNode iface = interfaces.addObject().put("name", name);
                if ("sriov-dpdk".equals(attachment.type())) {
                    iface.putObject("sriov");
                } else {
                    iface.putObject("binding").put("name", VHOST_USER_BINDING);
                }
            }
            if (!hasName(networks, name)) {
                String networkName = slash >= 0 ? attachmentNamespace + "/" + name : name;
                networks.addObject().put("name", name).putObject("multus").put("networkName", networkName);
            }
        }
        return JsonPatches.decide(object, mutated);
    }

    /**
     * KubeVirt gives a VM that lists no interfaces and no networks a default pod network (masquerade) unless
     * {@code autoattachPodInterface} is false. Adding only our secondary networks would silently take that away,
     * so in that case the default is written out explicitly first.
     */
    private static void keepDefaultPodNetwork(ObjectNode devices, ArrayNode interfaces, ArrayNode networks) {
        boolean autoattach = !devices.path("autoattachPodInterface").isBoolean()
                || devices.get("autoattachPodInterface").asBoolean();
        if (autoattach && interfaces.isEmpty() && networks.isEmpty()) {
            interfaces.addObject().put("name", "default").putObject("masquerade");
            networks.addObject().put("name", "default").putObject("pod");
        }
    }

    private static boolean hasName(ArrayNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText())) {
                return true;
            }
        }
        return false;
    }
}
