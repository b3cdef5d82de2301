package dev.fastpath.operator.attachment;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.FastpathResources;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentStatus;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.operator.observability.ReconcileMetrics;
import dev.fastpath.operator.observability.SpecChanged;
import dev.fastpath.operator.observability.ReconcileScope;
import dev.fastpath.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NetworkAttachment -> Multus NetworkAttachmentDefinition (built by {@link NadDependent}) and status.
 * Ready tells the namespace owner whether pods can use the attachment now:
 * <ul>
 * <li>{@code NadConflict}: a NetworkAttachmentDefinition of that name exists and is not ours; it is left
 * untouched;</li>
 * <li>{@code PoolUnknown}: no NodePolicy defines the pool (for vhost-user/kernel: none enables the switch);</li>
 * <li>{@code NoNodeOffersPool}: policies define it but no NodeState reports a VF of the pool (or a ready switch) yet;</li>
 * <li>{@code NetworkAttachmentDefinitionReady}: rendered and offered somewhere.</li>
 * </ul>
 * The NAD is rendered even when the pool is not offered yet, so pods only wait for the device plugin.
 */
@ControllerConfiguration(name = NetworkAttachmentReconciler.NAME)
public class NetworkAttachmentReconciler implements Reconciler<NetworkAttachment> {

    public static final String NAME = "networkattachment";
    public static final String REASON_NO_NODE_OFFERS_POOL = Conditions.REASON_NO_NODE_OFFERS_POOL;
    public static final String REASON_NAD_CONFLICT = Conditions.REASON_NAD_CONFLICT;
    static final String POOL_INDEX = "pool";
    private static final String OFFERS_INDEX = "offers";
    private static final Logger LOG = Logger.getLogger(NetworkAttachmentReconciler.class);

    private final NadDependent nad = new NadDependent();
    private final ReconcileMetrics metrics;
    private InformerEventSource<GenericKubernetesResource, NetworkAttachment> nads;
    private InformerEventSource<NodePolicy, NetworkAttachment> policies;
    private InformerEventSource<NodeState, NetworkAttachment> nodeStates;

    public NetworkAttachmentReconciler(ReconcileMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, NetworkAttachment>> prepareEventSources(EventSourceContext<NetworkAttachment> context) {
        IndexerResourceCache<NetworkAttachment> primaries = context.getPrimaryCache();
        primaries.addIndexers(Map.of(POOL_INDEX, na -> List.of(PoolFacts.poolKey(na))));

        // NAD and attachment share a name: a foreign NAD's deletion must wake the attachment it blocked.
        nads = new InformerEventSource<>(InformerEventSourceConfiguration.from(NadDependent.GVK, NetworkAttachment.class)
                .withName("nad").withSecondaryToPrimaryMapper(n -> Set.of(ResourceID.fromResource(n))).build(), context);
        nad.setEventSource(nads);

        // Policies change rarely: every attachment is looked at again (a removed pool must be noticed).
        policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NodePolicy.class, NetworkAttachment.class)
                .withName("policies")
                .withOnUpdateFilter(SpecChanged::accept)
                .withSecondaryToPrimaryMapper(p -> primaries.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((NetworkAttachment na) -> Set.of())
                .build(), context);

        // NodeStates change often (agent status). An attachment cares whether ANY node offers its pool: a node
        // offering pools wakes only those pools' attachments that are not Ready yet, and any NodeState event wakes
        // Ready attachments whose pool no node offers any more (covers the last node leaving or being deleted).
        // The mapper keeps no state (JOSDK may call it more than once per event) and reads the informer store,
        // which is updated before handlers run.
        nodeStates = new InformerEventSource<>(InformerEventSourceConfiguration.from(NodeState.class, NetworkAttachment.class)
                .withName("nodestates")
                .withOnUpdateFilter((now, before) -> !PoolFacts.poolsOfferedBy(now).equals(PoolFacts.poolsOfferedBy(before)))
                .withSecondaryToPrimaryMapper(ns -> {
                    Set<ResourceID> wake = new HashSet<>();
                    for (String pool : PoolFacts.poolsOfferedBy(ns)) {
                        primaries.byIndex(POOL_INDEX, pool).stream().filter(na -> !isReady(na))
                                .forEach(na -> wake.add(ResourceID.fromResource(na)));
                    }
                    primaries.list(na -> isReady(na) && nodeStates.byIndex(OFFERS_INDEX, PoolFacts.poolKey(na)).isEmpty())
                            .forEach(na -> wake.add(ResourceID.fromResource(na)));
                    return wake;
                })
                .withPrimaryToSecondaryMapper((NetworkAttachment na) -> Set.of()) // looked up by index, not by primary
                .build(), context);
        nodeStates.addIndexers(Map.of(OFFERS_INDEX, ns -> List.copyOf(PoolFacts.poolsOfferedBy(ns))));
        return List.of(nads, policies, nodeStates);
    }

    @Override
    public UpdateControl<NetworkAttachment> reconcile(NetworkAttachment attachment, Context<NetworkAttachment> context) {
        try (ReconcileScope scope = ReconcileScope.open(metrics, attachment)) {
            String nadName = FastpathResources.networkAttachmentDefinitionName(attachment.getMetadata().getName());
            var existing = nads.get(new ResourceID(nadName, attachment.getMetadata().getNamespace()));
            boolean conflict = existing.isPresent() && !NadDependent.isOwnedBy(existing.get(), attachment);
            if (!conflict) {
                nad.reconcile(attachment, context);
            }

            NetworkAttachmentStatus previous = attachment.getStatus();
            StatusAggregator status = StatusAggregator.forGeneration(attachment.getMetadata().getGeneration(),
                    previous == null ? null : previous.getConditions());
            String pool = PoolFacts.poolKey(attachment);
            String poolText = isVf(attachment) ? "pool " + pool : "the vhost-user switch";
            if (conflict) {
                status.condition(Conditions.READY, false, REASON_NAD_CONFLICT, "NetworkAttachmentDefinition "
                        + attachment.getMetadata().getNamespace() + "/" + nadName
                        + " exists and is not owned by this NetworkAttachment; it was left untouched");
            } else if (policies.list(p -> PoolFacts.poolsDefinedBy(p).contains(pool)).findAny().isEmpty()) {
                status.condition(Conditions.READY, false, Conditions.REASON_POOL_UNKNOWN,
                        isVf(attachment) ? "no NodePolicy defines pool " + pool + " (spec.pool)"
                                : "no NodePolicy enables the vhost-user switch (spec.type " + attachment.getSpec().getType() + ")");
            } else if (nodeStates.byIndex(OFFERS_INDEX, pool).isEmpty()) {
                status.condition(Conditions.READY, false, REASON_NO_NODE_OFFERS_POOL,
                        "NodePolicies define " + poolText + " but no node reports it yet");
            } else {
                // No node count in the message: it would turn every node joining the pool into a status write.
                status.condition(Conditions.READY, true, Conditions.REASON_NAD_READY,
                        "NetworkAttachmentDefinition " + nadName + " rendered; nodes offer " + poolText);
            }
            NetworkAttachmentStatus next = new NetworkAttachmentStatus()
                    .withObservedGeneration(status.observedGeneration())
                    .withConditions(status.conditions())
                    .withNetworkAttachmentDefinition(conflict ? null : nadName)
                    .withResourceName(resourceName(attachment));
            if (!StatusAggregator.changed(previous, next)) {
                scope.result("unchanged");
                return UpdateControl.noUpdate();
            }
            LOG.debugf("status changes: %s", next.getConditions());
            attachment.setStatus(next);
            scope.result("status-patched");
            return UpdateControl.patchStatus(attachment);
        }
    }

    private static boolean isReady(NetworkAttachment attachment) {
        return attachment.getStatus() != null && Conditions.isTrue(attachment.getStatus().getConditions(), Conditions.READY);
    }

    private static boolean isVf(NetworkAttachment attachment) {
        AttachmentType type = attachment.getSpec().getType();
        return type == AttachmentType.SRIOV || type == AttachmentType.SRIOV_DPDK;
    }

    private static String resourceName(NetworkAttachment attachment) {
        if (isVf(attachment)) {
            String pool = attachment.getSpec().getPool();
            return pool == null ? null : FastpathResources.poolResourceName(pool);
        }
        return FastpathResources.VHOST_USER_RESOURCE;
    }
}
