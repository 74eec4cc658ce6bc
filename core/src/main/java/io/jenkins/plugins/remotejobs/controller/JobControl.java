package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.collection.CollectionRound;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.waits.Waits;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@code waitJob}, {@code stopJob}, {@code removeJob}, adoption and retention. Each operation states what it does with a job
 * that is running, missing or out of reach.
 */
public final class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class.getName());

    private final JobManager manager;
    private final JobStopper stopper;
    private final JobRemover remover;

    JobControl(JobManager manager) {
        this.manager = manager;
        this.stopper = new JobStopper(manager);
        this.remover = new JobRemover(manager);
    }

    /**
     * Blocks until all (or, with {@code any}, one) of the jobs ended — finished, or, unless {@code
     * force}, Disconnected for longer than the reconnect grace ({@link WaitRule}) — or the timeout
     * passed. Returns the jobs that ended, in the given order.
     *
     * @throws InterruptedException when the wait is aborted
     */
    public List<JobRecord> waitFor(List<JobRecord> jobs, boolean any, Long timeoutSeconds, boolean force, BuildLog log)
            throws InterruptedException {
        return manager.waits().runHere(waitRound(jobs, any, timeoutSeconds, force, log));
    }

    /**
     * {@link #waitFor} without a thread of its own ({@link Waits}): the future completes with the jobs
     * that ended; cancelling it ends the wait.
     */
    public CompletableFuture<List<JobRecord>> waitAsync(
            List<JobRecord> jobs, boolean any, Long timeoutSeconds, boolean force, BuildLog log) {
        return manager.waits().start(waitRound(jobs, any, timeoutSeconds, force, log));
    }

    /**
     * {@link #waitFor}'s answer when the wait is over before it begins (all of the jobs, or with
     * {@code any} one of them, ended), from one look at the table; empty when it would have to
     * wait. Lets a host that must not block finish such a wait at once, without handing it off.
     */
    public Optional<List<JobRecord>> endedAlready(List<JobRecord> jobs, boolean any, boolean force, BuildLog log)
            throws Exception {
        Waits.Outcome<List<JobRecord>> first =
                waitRound(jobs, any, null, force, log).run();
        return first.done() ? Optional.of(first.value()) : Optional.empty();
    }

    /** One look at the jobs a {@code waitJob} waits for; its deadline counts from now. */
    private Waits.Round<List<JobRecord>> waitRound(
            List<JobRecord> jobs, boolean any, Long timeoutSeconds, boolean force, BuildLog log) {
        long deadline =
                timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        return () -> {
            List<JobRecord> ended = new ArrayList<>();
            List<String> gaveUp = new ArrayList<>();
            long recheck = Long.MAX_VALUE;
            for (JobRecord job : jobs) {
                WaitRule rule = WaitRule.check(manager, job.id(), force);
                if (rule.ended()) {
                    ended.add(job);
                    if (rule.gaveUp()) {
                        gaveUp.add(Long.toString(job.id()));
                    }
                }
                recheck = Math.min(recheck, rule.recheckMillis());
            }
            if ((any && !ended.isEmpty()) || ended.size() == jobs.size()) {
                ended.forEach(job -> requireLaunched("waitJob", job));
                if (!gaveUp.isEmpty()) {
                    log.println("waitJob: returned on Disconnected job(s) " + String.join(", ", gaveUp)
                            + ": their agent stayed away longer than the reconnect grace of "
                            + manager.limits().reconnectGrace().toSeconds()
                            + " s; pass force: true to wait for a finished state");
                }
                return Waits.Outcome.done(ended);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.println("waitJob: timed out after " + timeoutSeconds + " s; " + ended.size() + " of " + jobs.size()
                        + " jobs ended");
                return Waits.Outcome.done(ended);
            }
            return Waits.Outcome.notYet(new WaitRule(false, false, recheck).sleepMillis(left));
        };
    }

    /**
     * Fails {@code step} when the job never reached its agent (for a parent: none of its children
     * did), as {@code remoteJob} would have failed had it waited for its launches: a job whose
     * launch failed after {@code remoteJob} returned must not pass for one that ran and printed
     * nothing.
     *
     * @throws JobException naming the job and why it was never launched
     */
    public void requireLaunched(String step, JobRecord job) {
        JobRecord now = manager.table().get(job.id()).orElse(job);
        List<JobRecord> children = manager.children(now);
        if (children.isEmpty() || !children.stream().allMatch(JobRecord::neverLaunched)) {
            return;
        }
        String why = now.isParent()
                ? "be started on none of its nodes: "
                        + String.join(
                                "; ",
                                children.stream()
                                        .map(c -> c.node() + ": " + c.reason())
                                        .toList())
                : "not be started: " + children.get(0).reason();
        throw new JobException(step + ": job " + now.id() + " (" + JobIds.quoteShort(now.name()) + ") could " + why);
    }

    /**
     * Stops the job (every child of a parent) on its agent; see {@link JobStopper}.
     *
     * @return whether the job is finished now; false while its processes are still ending
     * @throws JobException naming, by job and agent, what could not be stopped
     * @throws JobManagerClosedException when the manager closes while the stop settles (the host
     *     shuts down; a step resumed after the restart stops again, which is idempotent)
     */
    public boolean stop(JobRecord job) {
        manager.starter().launchesSettled(job).join(); // a launch on its way is bounded by the grace
        return stopper.stop(manager.table().get(job.id()).orElse(job));
    }

    /**
     * Waits, up to the reconnect grace, for the agents of the job (of every child of a parent)
     * that are not connected, as a start waits for its agent: for a step run again after a
     * controller restart, whose agents reconnect only after it. A {@code Lost} child's node is not
     * waited for: nothing will come back from it.
     *
     * @throws InterruptedException when the step is aborted meanwhile
     */
    public void awaitAgentsOf(JobRecord job) throws InterruptedException {
        manager.agentWaits()
                .awaitAll(manager.children(job).stream()
                        .filter(child -> child.state() != JobState.LOST)
                        .map(JobRecord::node)
                        .toList());
    }

    /**
     * Takes a job that {@code node}'s agent holds but no record knows (the controller's data was
     * lost, or a power loss took its record before it was synced) into the table, owned by nobody,
     * which leaves it to administrators: from then on it is watched, received, stopped and removed
     * like any other job. Never automatic: an agent's cache may also hold another controller's jobs.
     *
     * @throws JobException when the table knows the job already, the agent is not connected, or it
     *     has no such job
     * @throws IOException when the call to the agent fails
     */
    public JobRecord adopt(String node, String instanceId) throws IOException {
        JobIds.requireValid(instanceId);
        if (manager.table().byInstanceId(instanceId).isPresent()) {
            throw new JobException("job " + instanceId + " is known already: nothing to adopt");
        }
        AgentProtocol agent = manager.directory()
                .connect(node)
                .orElseThrow(() -> new AgentUnreachableException("agent " + node + " is not connected"));
        JobStatus status;
        try {
            status = agent.status(instanceId);
        } catch (JobCacheException e) {
            throw new JobException(
                    "agent " + node + " has no job " + instanceId + " to adopt (" + e.getMessage() + ")");
        }
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = manager.table().nextId();
        b.instanceId = instanceId;
        b.name = status.name() != null ? status.name() : "Job" + b.id;
        b.node = node;
        b.command = status.command();
        b.keepOnAgent = status.keepOnAgent();
        b.createdAt = status.startedAt();
        b.launched = true;
        JobRecord job = b.build();
        manager.table().insert(job);
        manager.recorder()
                .applyStatus(job, job.keepOnAgent() ? status : CollectionRound.runningUntilCollected(status), null);
        manager.monitors().wake(node);
        return manager.table().get(job.id()).orElse(job);
    }

    /**
     * Deletes the job (and its children) from the table, the agent and the controller's spool; see
     * {@link JobRemover}. Only a {@code Lost} child (its node was deleted, or stayed away past the
     * configured limit) is removed without its agent.
     *
     * @throws JobException when a job still runs and {@code force} is false, or an agent holding its
     *     files cannot be reached (nothing is removed then), or refuses (the message says what is left)
     */
    public void remove(JobRecord job, boolean force) {
        manager.starter().launchesSettled(job).join(); // a launch on its way is bounded by the grace
        remover.remove(manager.table().get(job.id()).orElse(job), force);
    }

    /**
     * Whether a remove of this job is under way: its agent may already have deleted its files
     * while its row is still in the table, so a receive that finds them gone was outrun by it.
     */
    boolean isBeingRemoved(long id) {
        return remover.isBeingRemoved(id);
    }

    /**
     * Removes top-level jobs finished longer ago than the retention: the one for jobs whose output
     * was all received, or the longer one for jobs with output nobody received (never, when zero).
     */
    void applyRetention() {
        Limits limits = manager.limits();
        long now = System.currentTimeMillis();
        for (JobRecord r : manager.table().all()) {
            if (r.parentId() != 0) {
                continue;
            }
            JobInfo info = manager.info(r);
            long ended = manager.children(r).stream()
                    .mapToLong(JobRecord::endedAt)
                    .max()
                    .orElse(0);
            Duration kept = info.hasMoreData() ? limits.unreceivedRetention() : limits.retention();
            if (info.state().isFinished() && ended > 0 && !kept.isZero() && ended < now - kept.toMillis()) {
                try {
                    remove(r, true);
                } catch (JobException e) {
                    LOG.fine("retention could not remove job " + r.id() + ": " + e.getMessage());
                }
            }
        }
    }
}
