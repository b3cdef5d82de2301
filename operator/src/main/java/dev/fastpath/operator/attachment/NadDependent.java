package dev.fastpath.operator.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Multus NetworkAttachmentDefinition of one NetworkAttachment: same name and namespace, owned by it (the
 * API server's garbage collector removes it with its owner), {@code spec.config} = the fastpath CNI config and,
 * for VF types, the {@code k8s.v1.cni.cncf.io/resourceName} annotation that makes Multus add the device.
 * Handled as a generic resource so the operator needs no Multus model. {@link #desired} is a pure function of
 * the attachment; {@link #match} compares only what we own, so drift in those fields is repaired and fields
 * others add (their labels/annotations) are left alone.
 */
public class NadDependent extends GenericKubernetesDependentResource<NetworkAttachment>
        implements Creator<GenericKubernetesResource, NetworkAttachment>,
        Updater<GenericKubernetesResource, NetworkAttachment>, GarbageCollected<NetworkAttachment> {

    public static final GroupVersionKind GVK = new GroupVersionKind("k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition");
    private static final ObjectMapper JSON = new ObjectMapper();

    public NadDependent() {
        super(GVK);
    }

    @Override
    protected GenericKubernetesResource desired(NetworkAttachment primary, Context<NetworkAttachment> context) {
        return desiredFor(primary);
    }

    public static GenericKubernetesResource desiredFor(NetworkAttachment primary) {
        String name = FastpathResources.networkAttachmentDefinitionName(primary.getMetadata().getName());
        Map<String, String> annotations = new LinkedHashMap<>();
        AttachmentType type = primary.getSpec().getType();
        if ((type == AttachmentType.SRIOV || type == AttachmentType.SRIOV_DPDK) && primary.getSpec().getPool() != null) {
            annotations.put(FastpathResources.RESOURCE_NAME_ANNOTATION,
                    FastpathResources.poolResourceName(primary.getSpec().getPool()));
        } else {
            annotations.put(FastpathResources.RESOURCE_NAME_ANNOTATION, FastpathResources.VHOST_USER_RESOURCE);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("config", CniConfigRenderer.render(primary));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(GVK.apiVersion()).withKind(GVK.getKind())
                .withNewMetadata().withName(name).withNamespace(primary.getMetadata().getNamespace())
                .withLabels(FastpathResources.networkAttachmentDefinitionLabels(primary.getMetadata().getName()))
                .withAnnotations(annotations)
                .withOwnerReferences(ownerReference(primary))
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    static OwnerReference ownerReference(NetworkAttachment owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(false).build();
    }

    /** True when {@code nad} is owned (controller reference) by this attachment. */
    public static boolean isOwnedBy(HasMetadata nad, NetworkAttachment owner) {
        List<OwnerReference> refs = nad.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> Objects.equals(r.getUid(), owner.getMetadata().getUid()));
    }

    @Override
    public Matcher.Result<GenericKubernetesResource> match(GenericKubernetesResource actual, NetworkAttachment primary,
                                                           Context<NetworkAttachment> context) {
        GenericKubernetesResource desired = desiredFor(primary);
        boolean same = sameConfig(actual, desired)
                && containsAll(actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
                && containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && isOwnedBy(actual, primary);
        return Matcher.Result.computed(same, desired);
    }

    /**
     * Repairs only our fields on the live object (keeps other labels/annotations/owners), with optimistic locking
     * on its resourceVersion: a concurrent writer makes the reconcile retry instead of being overwritten blindly.
     */
    @Override
    public GenericKubernetesResource update(GenericKubernetesResource actual, GenericKubernetesResource desired,
                                            NetworkAttachment primary, Context<NetworkAttachment> context) {
        GenericKubernetesResource repaired = new GenericKubernetesResourceBuilder(actual).build();
        ObjectMeta meta = repaired.getMetadata();
        meta.setLabels(merged(meta.getLabels(), desired.getMetadata().getLabels()));
        meta.setAnnotations(merged(meta.getAnnotations(), desired.getMetadata().getAnnotations()));
        if (!isOwnedBy(repaired, primary)) {
            repaired.addOwnerReference(ownerReference(primary));
        }
        repaired.setAdditionalProperty("spec", desired.getAdditionalProperties().get("spec"));
        return context.getClient().resource(repaired).update();
    }

    @Override
    protected boolean addOwnerReference() {
        return false; // desired() already carries the controller reference
    }

    private static boolean sameConfig(GenericKubernetesResource actual, GenericKubernetesResource desired) {
        Object actualSpec = actual.getAdditionalProperties().get("spec");
        if (!(actualSpec instanceof Map<?, ?> spec) || !(spec.get("config") instanceof String config)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        String wanted = (String) ((Map<String, Object>) desired.getAdditionalProperties().get("spec")).get("config");
        try {
            JsonNode a = JSON.readTree(config);
            JsonNode b = JSON.readTree(wanted);
            return a.equals(b); // whitespace or key order written by someone else is not drift
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean containsAll(Map<String, String> actual, Map<String, String> wanted) {
        return wanted == null || wanted.isEmpty()
                || (actual != null && wanted.entrySet().stream().allMatch(e -> Objects.equals(actual.get(e.getKey()), e.getValue())));
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> ours) {
        Map<String, String> result = base == null ? new HashMap<>() : new LinkedHashMap<>(base);
        if (ours != null) {
            result.putAll(ours);
        }
        return result;
    }
}
