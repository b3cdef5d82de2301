package dev.fastpath.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads an {@code admission.k8s.io/v1} AdmissionReview request and writes the matching response review
 * (Fabric8 admission model). The request object stays raw JSON: mutations diff against it byte for byte.
 */
public final class AdmissionReviewCodec {

    static final String API_VERSION = "admission.k8s.io/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionReviewCodec() {
    }

    /** @throws IllegalArgumentException when the body is not an AdmissionReview v1 request */
    public static AdmissionCall read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("AdmissionReview: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !API_VERSION.equals(root.path("apiVersion").asText())
                || !"AdmissionReview".equals(root.path("kind").asText())) {
            throw new IllegalArgumentException("AdmissionReview: expected apiVersion " + API_VERSION + " kind AdmissionReview");
        }
        JsonNode request = root.path("request");
        if (!request.hasNonNull("uid")) {
            throw new IllegalArgumentException("AdmissionReview: request.uid is required");
        }
        return new AdmissionCall(request.get("uid").asText(), request.path("kind").path("kind").asText(),
                request.path("operation").asText(), textOrNull(request, "namespace"), textOrNull(request, "name"),
                request.get("object"), request.get("oldObject"));
    }

    public static AdmissionReview respond(String uid, AdmissionDecision decision) {
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(uid);
        switch (decision) {
            case AdmissionDecision.Allowed ignored -> response.withAllowed(true);
            case AdmissionDecision.Patched patched -> response.withAllowed(true)
                    .withPatchType("JSONPatch")
                    .withPatch(Base64.getEncoder().encodeToString(
                            patched.patch().toString().getBytes(StandardCharsets.UTF_8)));
            case AdmissionDecision.Denied denied -> response.withAllowed(false)
                    .withStatus(new StatusBuilder().withCode(422).withReason("Invalid")
                            .withMessage(denied.message()).build());
        }
        AdmissionResponse built = response.build();
        return new AdmissionReviewBuilder().withApiVersion(API_VERSION).withKind("AdmissionReview")
                .withResponse(built).build();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
