package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;

/**
 * What a job handle passed as {@code job:} or inside {@code jobs:} is to the validator: whatever
 * else a host's handle class offers, it names exactly one job by its engine-generated instance id.
 * Implementations are serializable because pipelines keep handles in their saved state.
 */
public interface JobReference extends Serializable {

    /**
     * The job's instance id, a lower-case UUID as {@link
     * io.jenkins.plugins.remotejobs.protocol.JobIds} generates it; never {@code null}.
     */
    String getInstanceId();
}
