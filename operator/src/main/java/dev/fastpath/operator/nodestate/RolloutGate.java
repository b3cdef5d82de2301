package dev.fastpath.operator.nodestate;

import dev.fastpath.api.v1alpha1.NodeState;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Admits disruptive NodeState changes to at most {@code maxUnavailable} nodes at once. Reconciles of different
 * nodes run in parallel, and the informer cache lags our own writes, so the count is the union of what the
 * cache shows as unavailable and the slots this gate granted that the cache may not show yet.
 */
public final class RolloutGate {

    private final Set<String> granted = new HashSet<>();
    private final Set<String> waiting = new LinkedHashSet<>();

    /**
     * @param states     every NodeState in the cache
     * @param nodeExists whether a node still exists (a deleted node frees its slot)
     */
    public synchronized boolean tryStart(String node, int maxUnavailable, Stream<NodeState> states,
                                         Predicate<String> nodeExists) {
        granted.removeIf(n -> !nodeExists.test(n));
        Set<String> busy = new HashSet<>(granted);
        states.filter(NodeStateProgress::isUnavailable).forEach(s -> busy.add(s.getMetadata().getName()));
        busy.remove(node);
        if (busy.size() < Math.max(1, maxUnavailable)) {
            granted.add(node);
            waiting.remove(node);
            return true;
        }
        waiting.add(node);
        return false;
    }

    /** The node finished its disruptive change (or no longer needs one). */
    public synchronized void finished(String node) {
        granted.remove(node);
        waiting.remove(node);
    }

    public synchronized Set<String> waiting() {
        return Set.copyOf(waiting);
    }
}
