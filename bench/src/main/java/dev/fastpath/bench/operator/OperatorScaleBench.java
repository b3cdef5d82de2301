package dev.fastpath.bench.operator;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.AttachmentType;
import dev.fastpath.api.v1alpha1.NetworkAttachment;
import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;
import dev.fastpath.api.v1alpha1.NicSelector;
import dev.fastpath.api.v1alpha1.NodePolicy;
import dev.fastpath.api.v1alpha1.NodePolicySpec;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.VfDriver;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.operator.attachment.NetworkAttachmentReconciler;
import dev.fastpath.operator.nodepolicy.NodePolicyReconciler;
import dev.fastpath.operator.nodestate.NodeStateProgress;
import dev.fastpath.operator.nodestate.NodeStateReconciler;
import dev.fastpath.operator.nodestate.RolloutSettings;
import dev.fastpath.operator.observability.ReconcileMetrics;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Operator scale: 1000 nodes, 20 NodePolicies, 500 NetworkAttachments in 100 namespaces, reconciled to steady
 * state. Harness, not a test: an in-process Fabric8 mock API server in CRUD mode holds the objects; the
 * operator's three reconcilers run in a plain JOSDK {@link Operator} (no Quarkus: same classes, wired by hand);
 * {@link SimulatedAgents} play the node-agents. All objects exist before the operator starts (an operator
 * (re)starting on a populated cluster). Steady state: every NodeState applied and Ready, every NodePolicy's
 * status at matched = synced for its generation, every NetworkAttachment Ready for its generation.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -ntp -q -pl bench -am install -DskipTests
 * mvn -B -ntp -q -pl bench dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -Xmx2g -cp bench/target/classes:$(cat /tmp/bench.cp) dev.fastpath.bench.operator.OperatorScaleBench [nodes policies attachments namespaces]
 * </pre>
 */
public final class OperatorScaleBench {

    private static final List<String> PFS = List.of("ens1f0", "ens1f1");
    private static final String NAD_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: network-attachment-definitions.k8s.cni.cncf.io}
            spec:
              group: k8s.cni.cncf.io
              scope: Namespaced
              names: {plural: network-attachment-definitions, singular: network-attachment-definition, kind: NetworkAttachmentDefinition}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    /** Held so the level sticks: the mock web server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // informer and mock server threads would keep a failed run alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int policies = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int attachments = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int namespaces = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        // Node label groups: policy p takes group p % groups on PF p / groups, so every (group, PF) pair has at most one
        // policy. Rounding down made an odd policy count overlap another policy's VFs, which the operator rightly
        // refuses, and the run never reached steady state.
        int groups = Math.max(1, (policies + PFS.size() - 1) / PFS.size());

        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        try (KubernetesClient setup = server.createClient(); KubernetesClient operatorClient = server.createClient();
             KubernetesClient agentClient = server.createClient()) {
            installCrds(setup);
            long t0 = System.nanoTime();
            populate(setup, nodes, policies, attachments, namespaces, groups);
            double populateSeconds = (System.nanoTime() - t0) / 1e9;
            long heapBefore = usedHeapAfterGc();

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ReconcileMetrics metrics = new ReconcileMetrics(registry);
            Operator operator = new Operator(o -> o.withKubernetesClient(operatorClient)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withConcurrentReconciliationThreads(10)
                    .withCloseClientOnStop(false));
            operator.register(new NetworkAttachmentReconciler(metrics));
            operator.register(new NodeStateReconciler(new RolloutSettings(1, Duration.ofSeconds(30)), metrics));
            operator.register(new NodePolicyReconciler(metrics));

            resetPeaks();
            try (SimulatedAgents agents = new SimulatedAgents(agentClient, PFS)) {
                agents.start();
                long start = System.nanoTime();
                operator.start();
                String progress = "";
                while (!(progress = steady(setup, nodes, policies, attachments)).isEmpty()) {
                    if ((System.nanoTime() - start) > Duration.ofMinutes(10).toNanos()) {
                        throw new IllegalStateException("no steady state after 10 minutes: " + progress);
                    }
                    Thread.sleep(1000); // each check lists every object: poll gently, it shares the cores
                }
                double steadySeconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> atSteady = reconciles(registry);
                long peak = peakHeap();
                Thread.sleep(5000);
                Map<String, Double> afterQuiet = reconciles(registry);
                long heapAfter = usedHeapAfterGc();
                operator.stop();

                double total = atSteady.values().stream().mapToDouble(Double::doubleValue).sum();
                System.out.printf("%nOperator scale bench: %d nodes, %d NodePolicies, %d NetworkAttachments in %d namespaces%n",
                        nodes, policies, attachments, namespaces);
                System.out.printf("(reconcilers in a plain JOSDK Operator, 10 reconcile threads, Fabric8 CRUD mock API server in-process, %d cores)%n%n",
                        Runtime.getRuntime().availableProcessors());
                System.out.println("| metric | value |");
                System.out.println("|---|---|");
                System.out.printf("| objects created before start (s) | %.1f |%n", populateSeconds);
                System.out.printf("| time to steady state (s) | %.1f |%n", steadySeconds);
                for (String kind : List.of("Node", "NodePolicy", "NetworkAttachment")) {
                    System.out.printf("| reconciles %s | %.0f |%n", kind, atSteady.getOrDefault(kind, 0.0));
                }
                System.out.printf("| reconciles total | %.0f |%n", total);
                System.out.printf("| reconciles per second | %.0f |%n", total / steadySeconds);
                System.out.printf("| agent status writes (simulated) | %d |%n", agents.statusWrites());
                System.out.printf("| reconciles in the 5 s after steady state | %.0f |%n",
                        afterQuiet.values().stream().mapToDouble(Double::doubleValue).sum() - total);
                System.out.printf("| heap used after GC, objects only (MiB) | %d |%n", heapBefore >> 20);
                System.out.printf("| heap used after GC, objects + operator caches (MiB) | %d |%n", heapAfter >> 20);
                System.out.printf("| peak heap during reconcile (MiB, incl. garbage) | %d |%n", peak >> 20);
            }
        } finally {
            server.destroy();
        }
    }

    /** Empty when steady, else what is still missing. */
    private static String steady(KubernetesClient client, int nodes, int policies, int attachments) {
        List<NodeState> states = client.resources(NodeState.class).list().getItems();
        long synced = states.stream().filter(NodeStateProgress::isSynced).count();
        if (states.size() != nodes || synced != nodes) {
            return "nodestates " + states.size() + " synced " + synced;
        }
        long policiesDone = client.resources(NodePolicy.class).list().getItems().stream()
                .filter(p -> p.getStatus() != null && Objects.equals(p.getStatus().getObservedGeneration(), p.getMetadata().getGeneration())
                        && p.getStatus().getMatchedNodes() != null && p.getStatus().getMatchedNodes() > 0
                        && Objects.equals(p.getStatus().getMatchedNodes(), p.getStatus().getSyncedNodes()))
                .count();
        if (policiesDone != policies) {
            return "policies synced " + policiesDone;
        }
        long ready = client.resources(NetworkAttachment.class).inAnyNamespace().list().getItems().stream()
                .filter(a -> a.getStatus() != null && Objects.equals(a.getStatus().getObservedGeneration(), a.getMetadata().getGeneration())
                        && Conditions.isTrue(a.getStatus().getConditions(), Conditions.READY))
                .count();
        return ready == attachments ? "" : "attachments ready " + ready;
    }

    private static void populate(KubernetesClient client, int nodes, int policies, int attachments, int namespaces, int groups) {
        for (int i = 0; i < nodes; i++) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(String.format("worker-%04d", i))
                    .withLabels(Map.of("fastpath.dev/group", "g" + (i % groups), "kubernetes.io/os", "linux"))
                    .endMetadata().build()).create();
        }
        List<String> pools = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            String pf = PFS.get((p / groups) % PFS.size());
            String kernelPool = "p" + p + "-netdev";
            String dpdkPool = "p" + p + "-dpdk";
            pools.add(kernelPool);
            pools.add(dpdkPool);
            NodePolicySpec spec = new NodePolicySpec().withPriority(p).withNodeSelector(Map.of("fastpath.dev/group", "g" + (p % groups)))
                    .withNicSelector(new NicSelector().withVendor("8086").withPfNames(List.of(pf))).withNumVfs(32)
                    .withVfGroups(List.of(new VfGroup().withRange("0-15").withPool(kernelPool).withDriver(VfDriver.IAVF),
                            new VfGroup().withRange("16-31").withPool(dpdkPool).withDriver(VfDriver.VFIO_PCI)));
            client.resource(new NodePolicy("policy-" + p, spec)).create();
        }
        for (int n = 0; n < namespaces; n++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-" + n).endMetadata().build()).create();
        }
        for (int a = 0; a < attachments; a++) {
            String pool = pools.get(a % pools.size());
            AttachmentType type = pool.endsWith("-dpdk") ? AttachmentType.SRIOV_DPDK : AttachmentType.SRIOV;
            client.resource(new NetworkAttachment("tenant-" + (a % namespaces), "net-" + a,
                    new NetworkAttachmentSpec().withType(type).withPool(pool).withVlan(100 + a % 3000).withMtu(9000)
                            .withIpam(Map.of("type", "whereabouts", "range", "10." + (a / 250) + "." + (a % 250) + ".0/24")))).create();
        }
    }

    private static void installCrds(KubernetesClient client) throws IOException {
        Path dir = Path.of(System.getProperty("fastpath.crds.dir", "crds"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
                }
            }
        }
        client.resource(client.getKubernetesSerialization().unmarshal(
                new java.io.ByteArrayInputStream(NAD_CRD.getBytes(StandardCharsets.UTF_8)), CustomResourceDefinition.class)).create();
    }

    private static Map<String, Double> reconciles(SimpleMeterRegistry registry) {
        Map<String, Double> byKind = new HashMap<>();
        for (Counter c : registry.find("fastpath_reconcile_total").counters()) {
            byKind.merge(c.getId().getTag("kind"), c.count(), Double::sum);
        }
        return byKind;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
