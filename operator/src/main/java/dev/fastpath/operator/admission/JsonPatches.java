package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;

/** Turns "the object before" and "the object as the mutator wants it" into an RFC 6902 JSON Patch decision. */
public final class JsonPatches {

    private JsonPatches() {
    }

    /** @return {@link AdmissionDecision.Allowed} when nothing changed, else a patch of add/replace/remove ops */
    public static AdmissionDecision decide(JsonNode before, JsonNode after) {
        // No move/copy operations: patches stay readable in audit logs and independent of array order tricks.
        JsonNode patch = JsonDiff.asJson(before, after, DiffFlags.dontNormalizeOpIntoMoveAndCopy());
        return patch.isEmpty() ? AdmissionDecision.allow() : new AdmissionDecision.Patched(patch);
    }
}
