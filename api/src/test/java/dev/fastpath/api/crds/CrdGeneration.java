package dev.fastpath.api.crds;

import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodeState;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.CustomResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates the v1 CRDs of the fastpath.dev API with the Fabric8 CRD generator (crd-generator-api-v2). Run at
 * build time (exec-maven-plugin, phase process-test-classes, into target/crds/), by {@code ./fastpath crds}
 * (which copies them to crds/), and by {@code CommittedCrdsTest} (which compares them with crds/).
 *
 * <p>One post-processing step: the generator sorts printer columns by JSON path, which would put Age first in
 * {@code kubectl get}; they are put back in the order the classes declare them.
 */
public final class CrdGeneration {

    public static final List<Class<? extends CustomResource<?, ?>>> CUSTOM_RESOURCES =
            List.of(NetworkAttachment.class, NodePolicy.class, NodeState.class);

    private CrdGeneration() {
    }

    /** Writes {@code <plural>.<group>-v1.yml} for every kind into {@code outputDir}; returns the files. */
    public static List<Path> generate(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        Map<String, Class<? extends CustomResource<?, ?>>> byCrdName = new java.util.HashMap<>();
        for (Class<? extends CustomResource<?, ?>> kind : CUSTOM_RESOURCES) {
            byCrdName.put(CustomResource.getCRDName(kind), kind);
        }
        List<Class<? extends HasMetadata>> classes = new ArrayList<>(CUSTOM_RESOURCES);
        new CRDGenerator()
                .inOutputDir(outputDir.toFile())
                .forCRDVersions("v1")
                .withParallelGenerationEnabled(false)
                .withPostProcessor(new io.fabric8.crdv2.generator.CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                        return declaredColumnOrder((CustomResourceDefinition) crd,
                                byCrdName.get(crd.getMetadata().getName()));
                    }
                })
                .customResourceClasses(classes)
                .generate();
        try (Stream<Path> files = Files.list(outputDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        }
    }

    private static CustomResourceDefinition declaredColumnOrder(CustomResourceDefinition crd, Class<?> kind) {
        List<String> declared = Stream.of(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
            columns.sort(Comparator.comparingInt(c -> {
                int index = declared.indexOf(c.getName());
                return index < 0 ? Integer.MAX_VALUE : index;
            }));
            version.setAdditionalPrinterColumns(columns);
        }
        return crd;
    }

    /** Build-time entry point: {@code CrdGeneration <outputDir>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdGeneration <outputDir>");
        }
        for (Path file : generate(Path.of(args[0]))) {
            System.out.println("generated " + file);
        }
    }
}
