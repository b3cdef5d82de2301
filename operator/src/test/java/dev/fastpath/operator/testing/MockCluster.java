package dev.fastpath.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Prepares the Fabric8 mock API server before the operator starts: the committed Fastpath CRDs (crds/, as the
 * Helm chart installs them) and the Multus NetworkAttachmentDefinition CRD (as Multus installs it).
 */
public class MockCluster implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        KubernetesClient client = server.getClient();
        Path crds = Path.of(System.getProperty("fastpath.crds.dir", "../crds"));
        try (Stream<Path> files = Files.list(crds)) {
            files.filter(f -> f.getFileName().toString().endsWith(".yml") || f.getFileName().toString().endsWith(".yaml"))
                    .forEach(f -> create(client, f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream nad = MockCluster.class.getResourceAsStream("/crds/network-attachment-definitions.k8s.cni.cncf.io.yaml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(nad, CustomResourceDefinition.class)).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
