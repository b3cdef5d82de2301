package dev.fastpath.operator.nodestate;

import java.time.Duration;

/** How disruptive changes roll out: nodes at a time, and how often a waiting node is looked at again. */
public record RolloutSettings(int maxUnavailable, Duration recheckInterval) {
}
