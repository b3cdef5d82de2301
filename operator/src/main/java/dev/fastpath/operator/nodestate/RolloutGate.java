package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NodeState;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Admits disruptive NodeState changes so that no NodePolicy has more than its {@code maxUnavailable} nodes in a
 * disruptive change at once (like SriovNetworkPoolConfig). Reconciles of different nodes run in parallel and the
 * informer cache lags our own writes, so "busy" is the union of what the cache shows as unavailable and the slots
 * this gate granted that the cache may not show yet.
 */
public final class RolloutGate {

    /** Granted node -> the policies whose budget it uses. */
    private final Map<String, Set<String>> granted = new HashMap<>();
    private final Set<String> waiting = new LinkedHashSet<>();

    /**
     * @param limits     each policy contributing to the node -> its maxUnavailable
     * @param states     every NodeState in the cache
     * @param nodeExists whether a node still exists (a deleted node frees its slot)
     */
    public synchronized boolean tryStart(String node, Map<String, Integer> limits, Stream<NodeState> states,
                                         Predicate<String> nodeExists) {
        granted.keySet().removeIf(n -> !nodeExists.test(n));
        Map<String, Set<String>> busy = new HashMap<>();
        granted.forEach((n, policies) -> busy.put(n, new HashSet<>(policies)));
        states.filter(NodeStateProgress::isUnavailable).forEach(s -> busy
                .computeIfAbsent(s.getMetadata().getName(), k -> new HashSet<>()).addAll(policiesOf(s)));
        busy.remove(node);
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            long using = busy.values().stream().filter(p -> p.contains(limit.getKey())).count();
            if (using >= Math.max(1, limit.getValue())) {
                waiting.add(node);
                return false;
            }
        }
        granted.put(node, Set.copyOf(limits.keySet()));
        waiting.remove(node);
        return true;
    }

    /** The node finished its disruptive change (or no longer needs one). */
    public synchronized void finished(String node) {
        granted.remove(node);
        waiting.remove(node);
    }

    public synchronized Set<String> waiting() {
        return Set.copyOf(waiting);
    }

    private static List<String> policiesOf(NodeState state) {
        return state.getSpec() == null || state.getSpec().getPolicies() == null ? List.of() : state.getSpec().getPolicies();
    }
}
