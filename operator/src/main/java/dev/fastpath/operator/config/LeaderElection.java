package dev.fastpath.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * The Lease replicas compete for (in the operator's own namespace). Only the leader reconciles; webhooks are
 * served by every replica, so a rolling update never blocks pod creation.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection() {
        super("fastpath-operator");
    }
}
