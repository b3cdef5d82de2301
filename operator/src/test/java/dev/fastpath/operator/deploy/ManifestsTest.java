package dev.fastpath.operator.deploy;

import dev.fastpath.operator.admission.AdmissionWebhooks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment manifests under src/main/kubernetes agree with the code they deploy. */
class ManifestsTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static List<HasMetadata> load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(java.nio.file.Path.of("src/main/kubernetes", file))) {
            Object parsed = YAML.unmarshal(in);
            List<HasMetadata> items = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                list.forEach(o -> items.add((HasMetadata) o));
            } else {
                items.add((HasMetadata) parsed);
            }
            return items;
        }
    }

    private static Set<String> endpointPaths() {
        String base = AdmissionWebhooks.class.getAnnotation(Path.class).value();
        Set<String> paths = new HashSet<>();
        for (Method m : AdmissionWebhooks.class.getDeclaredMethods()) {
            Path p = m.getAnnotation(Path.class);
            if (p != null) {
                paths.add(base + p.value());
            }
        }
        return paths;
    }

    @Test
    void webhookPathsExistAndFailurePoliciesFitWhatTheyGuard() throws IOException {
        List<HasMetadata> items = load("webhooks.yaml");
        Set<String> endpoints = endpointPaths();
        List<ValidatingWebhook> validating = items.stream().filter(ValidatingWebhookConfiguration.class::isInstance)
                .flatMap(i -> ((ValidatingWebhookConfiguration) i).getWebhooks().stream()).toList();
        List<MutatingWebhook> mutating = items.stream().filter(MutatingWebhookConfiguration.class::isInstance)
                .flatMap(i -> ((MutatingWebhookConfiguration) i).getWebhooks().stream()).toList();
        assertEquals(2, validating.size());
        assertEquals(2, mutating.size());
        for (ValidatingWebhook w : validating) {
            assertTrue(endpoints.contains(w.getClientConfig().getService().getPath()), w.getName());
            assertEquals("Fail", w.getFailurePolicy(), w.getName() + ": CRs fail closed");
            assertEquals("fastpath.dev", w.getRules().getFirst().getApiGroups().getFirst());
        }
        for (MutatingWebhook w : mutating) {
            assertTrue(endpoints.contains(w.getClientConfig().getService().getPath()), w.getName());
            assertEquals("Ignore", w.getFailurePolicy(), w.getName() + ": workloads fail open");
            assertTrue(w.getTimeoutSeconds() <= 5, w.getName() + ": short timeout");
            assertEquals("None", w.getSideEffects());
        }
        assertEquals(endpoints.size(), validating.size() + mutating.size(), "every endpoint is registered");
    }

    @Test
    void rbacGrantsWhatTheOperatorUsesAndNoWildcards() throws IOException {
        ClusterRole role = load("rbac.yaml").stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .findFirst().orElseThrow();
        Set<String> granted = new HashSet<>();
        for (PolicyRule rule : role.getRules()) {
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*") || rule.getApiGroups().contains("*"));
            assertFalse(rule.getResources().contains("secrets"), "TLS comes from a mounted Secret, not the API");
            for (String resource : rule.getResources()) {
                rule.getVerbs().forEach(v -> granted.add(resource + ":" + v));
            }
        }
        for (String needed : List.of("networkattachments:watch", "networkattachments/status:patch", "nodepolicies:watch",
                "nodepolicies/status:patch", "nodestates:create", "nodestates:update", "nodestates:delete", "nodes:watch",
                "network-attachment-definitions:create", "network-attachment-definitions:update")) {
            assertTrue(granted.contains(needed), needed);
        }
        assertFalse(granted.contains("network-attachment-definitions:delete"), "NADs go with their owner (GC)");
        assertFalse(granted.contains("nodes:update") || granted.contains("nodes:patch"), "the operator never edits nodes");
    }

    @Test
    void deploymentMountsTheWebhookSecretWhereTheConfigReadsIt() throws IOException {
        String deployment = Files.readString(java.nio.file.Path.of("src/main/kubernetes/deployment.yaml"));
        String properties = Files.readString(java.nio.file.Path.of("src/main/resources/application.properties"));
        assertTrue(properties.contains("fastpath.webhook.tls.cert=/etc/fastpath/webhook-tls/tls.crt"));
        assertTrue(deployment.contains("mountPath: /etc/fastpath/webhook-tls"));
        assertTrue(deployment.contains("secretName: fastpath-webhook-tls"));
        assertFalse(load("deployment.yaml").isEmpty());
    }
}
