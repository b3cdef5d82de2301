package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.operator.admission.AttachmentLookup.AttachmentRef;
import dev.fastpath.operator.multus.NetworkSelection;
import dev.fastpath.operator.multus.NetworksAnnotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds to a pod what its Fastpath attachments imply, like network-resources-injector does for SR-IOV:
 * <ul>
 * <li>the first container requests and limits {@code fastpath.dev/<pool>} once per VF attachment and
 * {@code fastpath.dev/vhost-user} once per switch-port attachment (repetitions count);</li>
 * <li>for vhost-user: the host socket root as a hostPath volume, mounted in every container with
 * {@code subPathExpr: $(FASTPATH_POD_UID)} so each pod sees only {@code /run/fastpath/sockets/<podUID>}.
 * The UID is not known at admission time (the API server assigns it after mutating admission), so the
 * kubelet expands it from a Downward API env var when it starts the container;</li>
 * <li>a Downward API volume with the pod's annotations (Multus writes {@code network-status} there).</li>
 * </ul>
 * Values are set, never incremented, and volumes/mounts/env are added only when missing: mutating twice is a
 * no-op. Pods naming no Fastpath attachment are returned unchanged.
 */
public final class PodMutator {

    public static final String SOCKETS_VOLUME = "fastpath-sockets";
    public static final String PODINFO_VOLUME = "fastpath-podinfo";
    public static final String POD_UID_ENV = "FASTPATH_POD_UID";

    private final AttachmentLookup attachments;
    private final String socketsHostPath;
    private final String socketsMountPath;
    private final String podInfoMountPath;

    public PodMutator(AttachmentLookup attachments, String socketsHostPath, String socketsMountPath,
                      String podInfoMountPath) {
        this.attachments = attachments;
        this.socketsHostPath = socketsHostPath;
        this.socketsMountPath = socketsMountPath;
        this.podInfoMountPath = podInfoMountPath;
    }

    /**
     * @param pod          the pod as the API server sent it (not modified)
     * @param podNamespace the request namespace (a pod being created may not carry metadata.namespace yet)
     */
    public AdmissionDecision mutate(JsonNode pod, String podNamespace) {
        String annotation = pod.path("metadata").path("annotations").path(NetworksAnnotation.KEY).asText(null);
        if (annotation == null) {
            return AdmissionDecision.allow();
        }
        List<NetworkSelection> selections;
        try {
            selections = NetworksAnnotation.parse(annotation);
        } catch (IllegalArgumentException e) {
            return AdmissionDecision.deny("metadata.annotations[" + NetworksAnnotation.KEY + "]: " + e.getMessage());
        }
        Map<String, Integer> resources = new LinkedHashMap<>();
        boolean needsSockets = false;
        for (NetworkSelection selection : selections) {
            Optional<AttachmentRef> found = attachments.find(selection.namespaceOr(podNamespace), selection.name());
            if (found.isEmpty()) {
                continue; // another CNI's network: not ours to touch
            }
            resources.merge(FastpathResourceNames.resourceFor(found.get()), 1, Integer::sum);
            needsSockets |= found.get().needsSocket();
        }
        if (resources.isEmpty()) {
            return AdmissionDecision.allow();
        }
        ObjectNode mutated = pod.deepCopy();
        ArrayNode containers = arrayAt((ObjectNode) mutated.get("spec"), "containers");
        if (containers.isEmpty()) {
            return AdmissionDecision.deny("spec.containers: a pod with Fastpath networks needs at least one container");
        }
        ObjectNode first = (ObjectNode) containers.get(0);
        ObjectNode resourcesNode = objectAt(first, "resources");
        for (Map.Entry<String, Integer> entry : resources.entrySet()) {
            String quantity = Integer.toString(entry.getValue());
            objectAt(resourcesNode, "requests").put(entry.getKey(), quantity);
            objectAt(resourcesNode, "limits").put(entry.getKey(), quantity);
        }
        ObjectNode spec = (ObjectNode) mutated.get("spec");
        ArrayNode volumes = arrayAt(spec, "volumes");
        if (needsSockets) {
            addVolumeIfMissing(volumes, socketsVolume());
        }
        addVolumeIfMissing(volumes, podInfoVolume());
        for (JsonNode container : containers) {
            ObjectNode c = (ObjectNode) container;
            ArrayNode mounts = arrayAt(c, "volumeMounts");
            if (needsSockets) {
                addEnvIfMissing(arrayAt(c, "env"));
                addMountIfMissing(mounts, JsonNodeFactory.instance.objectNode().put("name", SOCKETS_VOLUME)
                        .put("mountPath", socketsMountPath).put("subPathExpr", "$(" + POD_UID_ENV + ")"));
            }
            addMountIfMissing(mounts, JsonNodeFactory.instance.objectNode().put("name", PODINFO_VOLUME)
                    .put("mountPath", podInfoMountPath).put("readOnly", true));
        }
        return JsonPatches.decide(pod, mutated);
    }

    private ObjectNode socketsVolume() {
        ObjectNode volume = JsonNodeFactory.instance.objectNode().put("name", SOCKETS_VOLUME);
        volume.putObject("hostPath").put("path", socketsHostPath).put("type", "DirectoryOrCreate");
        return volume;
    }

    private static ObjectNode podInfoVolume() {
        ObjectNode volume = JsonNodeFactory.instance.objectNode().put("name", PODINFO_VOLUME);
        ObjectNode item = volume.putObject("downwardAPI").putArray("items").addObject().put("path", "annotations");
        item.putObject("fieldRef").put("fieldPath", "metadata.annotations");
        return volume;
    }

    private static void addEnvIfMissing(ArrayNode env) {
        if (containsName(env, POD_UID_ENV)) {
            return;
        }
        ObjectNode var = env.addObject().put("name", POD_UID_ENV);
        var.putObject("valueFrom").putObject("fieldRef").put("fieldPath", "metadata.uid");
    }

    private static void addVolumeIfMissing(ArrayNode volumes, ObjectNode volume) {
        if (!containsName(volumes, volume.get("name").asText())) {
            volumes.add(volume);
        }
    }

    private static void addMountIfMissing(ArrayNode mounts, ObjectNode mount) {
        if (!containsName(mounts, mount.get("name").asText())) {
            mounts.add(mount);
        }
    }

    private static boolean containsName(ArrayNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode objectAt(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ObjectNode object ? object : parent.putObject(field);
    }

    static ArrayNode arrayAt(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ArrayNode array ? array : parent.putArray(field);
    }
}
