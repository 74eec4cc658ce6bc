package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.collection.CollectionRound;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launches of recorded jobs, for {@link JobStarter}: one call per job to its agent, sent again
 * with the same instance id while the reply is lost (the agent makes it idempotent), then the
 * agent's answer adopted. A launch that may have reached its agent is never recorded as never
 * launched; it is left {@code Disconnected} for the node's monitor to ask about.
 */
final class JobLaunches {

    /** How long to wait before sending a launch again after a failed call to a connected agent. */
    private static final long RETRY_MILLIS = 200;

    private static final Logger LOGGER = Logger.getLogger(JobLaunches.class.getName());

    private final JobManager manager;
    private final Set<String> launching = ConcurrentHashMap.newKeySet();
    /** The launches of {@link #launchInBackground} on their way. */
    private final LaunchesOnTheirWay onTheirWay = new LaunchesOnTheirWay();
    /** The nodes that answered a launch since they last connected. */
    private final Set<String> warm = ConcurrentHashMap.newKeySet();

    JobLaunches(JobManager manager) {
        this.manager = manager;
    }

    /** Whether a launch of this instance id is in flight: its outcome is not known yet. */
    boolean isLaunching(String instanceId) {
        return launching.contains(instanceId);
    }

    /**
     * Launches the children, {@code throttle} at a time, on the manager's launch threads; returns
     * why each that could not start did not.
     */
    List<String> launchAll(List<JobRecord> children, StartSpec spec, Caller caller, boolean resumed)
            throws InterruptedException {
        int workers = Math.max(1, Math.min(spec.throttle(), children.size()));
        String[] failures = new String[children.size()];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                running.add(manager.launchThreads().submit(() -> {
                    for (int i = next.getAndIncrement(); i < children.size(); i = next.getAndIncrement()) {
                        failures[i] = launch(children.get(i), spec, caller, resumed);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JobManagerClosedException || manager.isClosed()) {
                throw new JobManagerClosedException(); // the host stops: the step resumed later starts it
            }
            throw new IllegalStateException("launching a child job failed", e.getCause());
        } catch (RejectedExecutionException e) {
            throw new JobManagerClosedException();
        } finally {
            running.forEach(worker -> worker.cancel(true));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (failures[i] != null) {
                out.add(children.get(i).node() + ": " + failures[i]);
            }
        }
        return out;
    }

    /**
     * Whether a launch on {@code node} may go on without the step waiting for it: the node answered
     * a launch since it last connected. The first launch on a connection waits, because it is the
     * slow one (in Jenkins the agent loads the engine's classes over the channel first) and a
     * restart in its middle is better resumed by its step than left to the agent's answer.
     */
    boolean isWarm(String node) {
        return warm.contains(node);
    }

    /** The node's channel is gone: its next launch is a first one again. */
    void disconnected(String node) {
        warm.remove(node);
    }

    /**
     * Launches the children on the manager's launch threads, all at once, and returns without
     * waiting for them: each is marked in flight before this returns, so that no monitor takes an
     * unanswered launch for a job its agent lacks. A launch that ends in a failure records it on
     * the job, as {@link #launch} does; one the controller's shutdown cuts short leaves its job
     * unconfirmed, which the agent's answer after the restart settles.
     */
    void launchInBackground(List<JobRecord> children, StartSpec spec, Caller caller) {
        for (JobRecord child : children) {
            launching.add(child.instanceId());
            onTheirWay.add(child);
        }
        for (JobRecord child : children) {
            try {
                manager.launchThreads().execute(() -> launchQuietly(child, spec, caller));
            } catch (RejectedExecutionException closing) {
                settle(child);
            }
        }
    }

    /** See {@link LaunchesOnTheirWay#settled}. */
    CompletableFuture<Void> settled(List<JobRecord> children) {
        return onTheirWay.settled(children);
    }

    /** See {@link LaunchesOnTheirWay#awaitAll}. */
    void awaitBackground() {
        onTheirWay.awaitAll();
    }

    private void launchQuietly(JobRecord child, StartSpec spec, Caller caller) {
        try {
            launch(child, spec, caller, false);
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
        } catch (JobManagerClosedException shuttingDown) {
            // unconfirmed: settled by the agent's answer after the restart
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "launch of job " + child.id() + " on " + child.node() + " failed", e);
        } finally {
            settle(child);
        }
    }

    private void settle(JobRecord child) {
        launching.remove(child.instanceId());
        onTheirWay.settle(child);
    }

    /**
     * What the agent is asked to run. The environment is what the blocks around the step set for
     * this node (in Jenkins {@code withEnv}, {@code withCredentials}), then {@code env:}, which wins.
     */
    private static LaunchRequest request(JobRecord job, StartSpec spec, Caller caller)
            throws IOException, InterruptedException {
        List<String> env = new ArrayList<>(caller.environment(job.node()));
        env.addAll(spec.env());
        return new LaunchRequest(
                job.instanceId(),
                job.name(),
                spec.shell(),
                spec.script(),
                spec.dir(),
                env,
                spec.timeoutSeconds(),
                spec.keepOnAgent());
    }

    /**
     * Launches one job; returns why it could not even be tried (its agent never connected: it is
     * then recorded {@code Failed} "never launched"), or {@code null} when the agent had it: it
     * runs, may run (an unconfirmed launch is left to the monitor), or failed to start there (then
     * it is {@code Failed} with the agent's reason, as a job that fails at once). A launch an earlier
     * controller may have sent ({@code resumed}) is never "never launched": only the agent's own
     * answer that it has no such job makes it {@code Failed} (the monitor asks when it is back).
     */
    String launch(JobRecord job, StartSpec spec, Caller caller, boolean resumed) throws InterruptedException {
        Duration grace = manager.limits().reconnectGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean sent = resumed;
        IOException lastFailure = null;
        launching.add(job.instanceId());
        try {
            while (true) {
                Optional<AgentProtocol> agent = manager.agentWaits().await(job.node(), deadline);
                if (manager.isClosed()) {
                    // The host stops: neither "never launched" nor unconfirmed is known yet. The
                    // step resumed after the restart sends the launch again under the same id.
                    throw new JobManagerClosedException();
                }
                if (agent.isEmpty() || (sent && System.nanoTime() - deadline > 0)) {
                    return sent ? unconfirmed(job, lastFailure) : neverLaunched(job, grace);
                }
                LaunchRequest request;
                try {
                    request = request(job, spec, caller);
                } catch (IOException e) {
                    String reason = "cannot read the environment of node " + job.node() + ": " + e.getMessage();
                    manager.recorder().fail(job, JobRecord.NEVER_LAUNCHED + reason);
                    return reason;
                }
                try {
                    sent = true;
                    JobStatus status = agent.get().launch(request);
                    warm.add(job.node());
                    adopt(job, spec, agent.get(), status);
                    return null;
                } catch (JobCacheException e) {
                    // The agent answered and refused (no room for the job's directory): the launch
                    // was tried, so the job is Failed with the reason, as one the agent could not start.
                    manager.recorder().fail(job, "launch failed: " + e.getMessage());
                    return null;
                } catch (IOException e) {
                    lastFailure = e; // the reply was lost, or the call never arrived: ask again
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } finally {
            launching.remove(job.instanceId());
        }
    }

    private void adopt(JobRecord job, StartSpec spec, AgentProtocol agent, JobStatus status) throws IOException {
        if (!spec.keepOnAgent() && endedWithoutOutput(status)) {
            // Nothing is to be collected: the handle says so at once. A fresh launch reports this
            // only when the job could not start; a launch sent again after a lost reply reports the
            // job as it is, maybe ended silently, or stopped with its processes still going (then
            // the agent refuses the release a moment, and the monitor finishes the job).
            try {
                manager.recorder().finishCollection(job, agent.release(job.instanceId()), -1);
                manager.recorder().markCollected(job);
                return;
            } catch (JobCacheException e) {
                if (e.kind() != JobCacheException.Kind.RUNNING) {
                    throw e;
                }
            }
        }
        manager.recorder()
                .applyStatus(job, spec.keepOnAgent() ? status : CollectionRound.runningUntilCollected(status), null);
        manager.monitors().wake(job.node());
    }

    private String neverLaunched(JobRecord job, Duration grace) {
        String reason = JobRecord.NEVER_LAUNCHED + "agent " + job.node()
                + " did not connect within the reconnect grace of " + grace.toSeconds() + " s";
        manager.recorder().fail(job, reason);
        return reason;
    }

    /** Sent, but no reply came back: the job may run. The node's monitor asks the agent later. */
    private String unconfirmed(JobRecord job, IOException lastFailure) {
        launching.remove(job.instanceId()); // no answer is on its way any more
        manager.recorder()
                .markUnreachable(
                        job.node(),
                        List.of(manager.table().get(job.id()).orElse(job)),
                        "the launch got no reply from agent " + job.node()
                                + (lastFailure == null ? "" : " (" + lastFailure.getMessage() + ")"));
        manager.monitors().wake(job.node());
        return null;
    }

    /**
     * The job is over and printed nothing: the agent could not start it (a missing dir, an
     * unavailable shell), or, asked again after a lost reply, it had ended without output.
     */
    private static boolean endedWithoutOutput(JobStatus status) {
        return status.state().isFinished() && status.stdoutLength() == 0 && status.stderrLength() == 0;
    }
}
