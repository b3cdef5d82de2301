package dev.fastpath.api;

import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.Optional;

/** Condition types and reasons of the fastpath.dev resources (Kubernetes Condition shape). */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String DEGRADED = "Degraded";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    // ---- NetworkAttachment Ready reasons
    /** The NetworkAttachmentDefinition is rendered and up to date. */
    public static final String REASON_NAD_READY = "NetworkAttachmentDefinitionReady";
    /** No NodeState advertises the attachment's pool yet. */
    public static final String REASON_POOL_UNKNOWN = "PoolUnknown";
    /** Policies define the pool, but no NodeState reports it yet. */
    public static final String REASON_NO_NODE_OFFERS_POOL = "NoNodeOffersPool";
    /** A NetworkAttachmentDefinition of that name exists and is not owned by the attachment; it is left alone. */
    public static final String REASON_NAD_CONFLICT = "NadConflict";
    /** The spec cannot be rendered (a rule the schema could not express). */
    public static final String REASON_INVALID = "Invalid";

    // ---- NodePolicy / NodeState reasons
    public static final String REASON_SYNCED = "Synced";
    public static final String REASON_SYNCING = "Syncing";
    public static final String REASON_APPLY_FAILED = "ApplyFailed";
    public static final String REASON_NO_MATCHING_NODES = "NoMatchingNodes";

    private Conditions() {
    }

    /** The condition of a type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether the condition of a type is present with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }
}
