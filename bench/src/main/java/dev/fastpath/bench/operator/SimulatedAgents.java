package dev.fastpath.bench.operator;

import dev.fastpath.api.Conditions;
import dev.fastpath.api.v1alpha1.NodeState;
import dev.fastpath.api.v1alpha1.NodeStateStatus;
import dev.fastpath.api.v1alpha1.PfSpec;
import dev.fastpath.api.v1alpha1.PfStatus;
import dev.fastpath.api.v1alpha1.VfGroup;
import dev.fastpath.api.v1alpha1.VfStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the node-agents of every node for the scale bench: when a NodeState's spec generation is newer than
 * what its status reports, it "applies" it and writes the status a real agent would (PF inventory, one VF per
 * grouped index with its pool, observedGeneration, Ready=True). Runs on a few threads of its own.
 */
final class SimulatedAgents implements AutoCloseable {

    private final KubernetesClient client;
    private final List<String> pfNames;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "simulated-agent");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong statusWrites = new AtomicLong();
    private SharedIndexInformer<NodeState> informer;

    SimulatedAgents(KubernetesClient client, List<String> pfNames) {
        this.client = client;
        this.pfNames = pfNames;
    }

    void start() {
        informer = client.resources(NodeState.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(NodeState state) {
                maybeApply(state);
            }

            @Override
            public void onUpdate(NodeState old, NodeState state) {
                maybeApply(state);
            }

            @Override
            public void onDelete(NodeState state, boolean unknown) {
            }
        });
    }

    long statusWrites() {
        return statusWrites.get();
    }

    private void maybeApply(NodeState state) {
        if (state.getStatus() != null && Objects.equals(state.getStatus().getObservedGeneration(), state.getMetadata().getGeneration())) {
            return;
        }
        workers.submit(() -> apply(state.getMetadata().getName()));
    }

    private void apply(String name) {
        NodeState state = client.resources(NodeState.class).withName(name).get();
        if (state == null || (state.getStatus() != null
                && Objects.equals(state.getStatus().getObservedGeneration(), state.getMetadata().getGeneration()))) {
            return;
        }
        List<PfStatus> pfs = new ArrayList<>();
        for (int i = 0; i < pfNames.size(); i++) {
            String pf = pfNames.get(i);
            int numVfs = state.getSpec().getPfs() == null ? 0 : state.getSpec().getPfs().stream()
                    .filter(p -> p.getName().equals(pf)).mapToInt(PfSpec::getNumVfs).findFirst().orElse(0);
            pfs.add(new PfStatus().withName(pf).withPci("0000:3b:00." + i).withVendor("8086").withDevice("1583")
                    .withDriver("i40e").withLink("up").withTotalVfs(64).withNumVfs(numVfs));
        }
        List<VfStatus> vfs = new ArrayList<>();
        for (PfSpec pf : state.getSpec().getPfs() == null ? List.<PfSpec>of() : state.getSpec().getPfs()) {
            for (VfGroup group : pf.getVfGroups() == null ? List.<VfGroup>of() : pf.getVfGroups()) {
                String[] range = group.getRange().split("-");
                for (int i = Integer.parseInt(range[0]); i <= Integer.parseInt(range[range.length - 1]); i++) {
                    vfs.add(new VfStatus().withPf(pf.getName()).withIndex(i).withPool(group.getPool())
                            .withDriver(group.getDriver() == null ? "iavf" : group.getDriver().toString()));
                }
            }
        }
        state.setStatus(new NodeStateStatus().withObservedGeneration(state.getMetadata().getGeneration())
                .withPfs(pfs).withPfCount(pfs.size()).withVfs(vfs).withVfCount(vfs.size()).withAllocatedVfCount(0)
                .withConditions(List.of(new ConditionBuilder().withType(Conditions.READY).withStatus("True")
                        .withReason(Conditions.REASON_SYNCED).withObservedGeneration(state.getMetadata().getGeneration())
                        .withLastTransitionTime("2026-01-01T00:00:00Z").build())));
        try {
            client.resource(state).updateStatus();
            statusWrites.incrementAndGet();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            workers.submit(() -> apply(name)); // the operator wrote the spec meanwhile: apply the newer one
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        workers.shutdownNow();
    }
}
