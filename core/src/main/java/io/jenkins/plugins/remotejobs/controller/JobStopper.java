package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.collection.CollectionRound;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code stopJob}: asks each child's agent to stop it (the agent records the stop, then signals,
 * and the job's wrapper carries the escalation out), then waits for the state to settle: a job
 * reads {@code Stopped} only once its processes are gone, which takes up to the grace period.
 */
final class JobStopper {

    private static final long STOP_SETTLE_MILLIS = 10_000;

    private final JobManager manager;

    JobStopper(JobManager manager) {
        this.manager = manager;
    }

    /**
     * Stops the job (every child of a parent) on its agent; a finished job is left as it is. Waits
     * (up to twice the grace period) for the job to be finished, so that the caller sees {@code Stopped}.
     *
     * @return whether the job is finished; false when its processes are still ending (its agent
     *     went away meanwhile, say): the stop is recorded beside the job and carried out there
     * @throws JobException naming the agents that could not be reached (those jobs were not stopped)
     */
    boolean stop(JobRecord job) {
        List<String> unreachable = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        for (JobRecord child : manager.children(job)) {
            if (child.state().isFinished()) {
                continue;
            }
            try {
                if (!stopOn(child)) {
                    unreachable.add(child.node() + " (job " + child.id() + " " + JobIds.quoteShort(child.name())
                            + ": the agent is not connected)");
                }
            } catch (JobCacheException refused) {
                // It answered and could not do it (a disk too full to record the stop): not stopped.
                unreachable.add(child.node() + " (job " + child.id() + " " + JobIds.quoteShort(child.name()) + ": "
                        + refused.getMessage() + ")");
            } catch (IOException e) {
                unconfirmed.add(child.node() + " (job " + child.id() + " " + JobIds.quoteShort(child.name()) + ": "
                        + e.getMessage() + ")");
            }
        }
        if (!unreachable.isEmpty() || !unconfirmed.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!unreachable.isEmpty()) {
                parts.add("could not stop the job on " + String.join(", ", unreachable) + "; not stopped");
            }
            if (!unconfirmed.isEmpty()) {
                parts.add("lost the answer of " + String.join(", ", unconfirmed)
                        + " and the agent did not come back within the reconnect grace; the stop may have been"
                        + " recorded there, in which case it is carried out");
            }
            throw new JobException("stopJob: " + String.join("; ", parts));
        }
        return settle(job);
    }

    /**
     * Stops one child; false when its agent is not connected (nothing was sent). A stop whose
     * answer is lost is sent again once the agent is back (within the reconnect grace): a stop is
     * idempotent, and the agent carries out one it recorded even if it went away right after.
     *
     * @throws IOException when the answer stays lost past the grace
     */
    private boolean stopOn(JobRecord child) throws IOException {
        long deadline = System.nanoTime() + manager.limits().reconnectGrace().toNanos();
        Optional<AgentProtocol> agent = manager.directory().connect(child.node());
        if (agent.isEmpty()) {
            return false;
        }
        while (true) {
            try {
                JobStatus status = agent.get().stop(child.instanceId());
                manager.recorder()
                        .applyStatus(
                                child,
                                child.keepOnAgent() ? status : CollectionRound.runningUntilCollected(status),
                                null);
                manager.monitors().wake(child.node());
                return true;
            } catch (JobCacheException e) {
                if (e.kind() != JobCacheException.Kind.NO_SUCH_JOB) {
                    throw e;
                } else if (manager.table().get(child.id()).isPresent()) {
                    // Nothing left to stop there: the job's directory is gone from the agent's cache.
                    manager.recorder().markMissing(child);
                } // else removed meanwhile (a removeJob racing this stop): nothing to stop
                return true;
            } catch (IOException lost) {
                try {
                    agent = manager.agentWaits().await(child.node(), deadline);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw lost;
                }
                if (agent.isEmpty()) {
                    throw lost;
                }
            }
        }
    }

    private boolean settle(JobRecord job) {
        long deadline = System.currentTimeMillis() + STOP_SETTLE_MILLIS;
        try {
            while (true) {
                long seen = manager.events().generation();
                if (manager.info(job.id()).map(i -> i.state().isFinished()).orElse(true)) {
                    return true;
                }
                if (manager.isClosed()) {
                    throw new JobManagerClosedException(); // the host stops: a step resumed later stops again
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                manager.events().await(seen, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
