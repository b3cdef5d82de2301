package dev.fastpath.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.operator.config.FastpathOperatorConfig;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.function.Function;

/**
 * The admission webhooks: plain HTTPS endpoints taking and returning {@code admission.k8s.io/v1} AdmissionReview
 * JSON. Paths match operator/src/main/kubernetes/webhooks.yaml. Every log line carries the request uid and object.
 */
@Path("/admission")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionWebhooks {

    private static final Logger LOG = Logger.getLogger(AdmissionWebhooks.class);

    private final KubernetesSerialization serialization;
    private final ClusterSnapshot cluster;
    private final PodMutator pods;
    private final KubeVirtMutator kubevirt;

    public AdmissionWebhooks(KubernetesClient client, FastpathOperatorConfig config) {
        this.serialization = client.getKubernetesSerialization();
        this.cluster = new ClusterSnapshot(client);
        this.pods = new PodMutator(cluster, config.pod().socketsHostPath(), config.pod().socketsMountPath(),
                config.pod().podInfoMountPath());
        this.kubevirt = new KubeVirtMutator(cluster);
    }

    @POST
    @Path("/mutate-pods")
    public Response mutatePods(String body) {
        return handle(body, call -> call.object() == null ? AdmissionDecision.allow()
                : pods.mutate(call.object(), call.namespace()));
    }

    @POST
    @Path("/mutate-kubevirt")
    public Response mutateKubeVirt(String body) {
        return handle(body, call -> call.object() == null ? AdmissionDecision.allow()
                : kubevirt.mutate(call.kind(), call.object(), call.namespace()));
    }

    @POST
    @Path("/validate-networkattachments")
    public Response validateNetworkAttachments(String body) {
        return handle(body, call -> call.object() == null ? AdmissionDecision.allow()
                : NetworkAttachmentValidator.validate(as(call.object(), NetworkAttachment.class), cluster.policies()));
    }

    @POST
    @Path("/validate-nodepolicies")
    public Response validateNodePolicies(String body) {
        return handle(body, call -> call.object() == null ? AdmissionDecision.allow()
                : NodePolicyValidator.validate(as(call.object(), NodePolicy.class), cluster.policies(), cluster.nodes(),
                cluster.nodeStates()));
    }

    private <T> T as(JsonNode object, Class<T> type) {
        return serialization.unmarshal(object.toString(), type);
    }

    private Response handle(String body, Function<AdmissionCall, AdmissionDecision> decide) {
        AdmissionCall call;
        try {
            call = AdmissionReviewCodec.read(body);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
        MDC.put("admission", call.uid());
        MDC.put("object", call.describe());
        try {
            AdmissionDecision decision;
            try {
                decision = decide.apply(call);
            } catch (IllegalArgumentException e) {
                decision = AdmissionDecision.deny(e.getMessage());
            }
            switch (decision) {
                case AdmissionDecision.Denied denied -> LOG.infof("denied: %s", denied.message());
                case AdmissionDecision.Patched patched -> LOG.debugf("patched: %s", patched.patch());
                case AdmissionDecision.Allowed ignored -> LOG.debug("allowed unchanged");
            }
            AdmissionReview review = AdmissionReviewCodec.respond(call.uid(), decision);
            return Response.ok(serialization.asJson(review)).build();
        } finally {
            MDC.remove("admission");
            MDC.remove("object");
        }
    }
}
