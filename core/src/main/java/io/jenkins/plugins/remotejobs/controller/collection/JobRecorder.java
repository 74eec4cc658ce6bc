package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Turns what agents report (or fail to report) into job records: the one place that decides a
 * job's state on the controller. It never records a living job as failed on a guess: an agent that
 * cannot be reached makes its jobs {@code Disconnected}; a job is {@code Failed} "never launched"
 * only when its agent answered and had no record of it, and {@code Lost} only when its node was
 * deleted, stayed away past the configured limit, or its agent lost the job's files.
 */
public final class JobRecorder {

    private final JobTable table;
    private final Spool spool;
    private final Supplier<Limits> limits;
    /** Whether a launch of this instance id is in flight (its answer is still to come). */
    private final Predicate<String> launching;
    /** When the manager opened (epoch millis): the earliest a resumed step can send a launch again. */
    private final long openedAt;

    public JobRecorder(
            JobTable table, Spool spool, Supplier<Limits> limits, Predicate<String> launching, long openedAt) {
        this.table = table;
        this.spool = spool;
        this.limits = limits;
        this.launching = launching;
        this.openedAt = openedAt;
    }

    /** Applies what an agent reported; durable when anything but output lengths changed. */
    public void applyStatus(JobRecord job, JobStatus reported, String collectionNote) {
        applyStatus(job, reported, collectionNote, false);
    }

    /**
     * Applies what an agent reported; durable when {@code durable} (a receive's commit records the
     * cursor it moved), or when anything but output lengths and cursors changed.
     */
    public void applyStatus(JobRecord job, JobStatus reported, String collectionNote, boolean durable) {
        JobStatus status = AgentValues.bounded(reported);
        // A stop or a timeout is reported at once, with endedAt 0 until the job's last process has
        // exited: until then the job is still Running, in both modes, so that Stopped always means
        // the processes are gone (and a removeJob right after works).
        JobState state =
                status.state().isFinished() && status.endedAt() <= 0 ? JobState.RUNNING : JobState.of(status.state());
        long stdout = receivable(job, status, StreamName.STDOUT);
        long stderr = receivable(job, status, StreamName.STDERR);
        table.update(
                job.id(),
                r -> r.state().isFinished() && !state.isFinished()
                        // A status older than the one already applied (a collection round and a
                        // receive both apply what the agent said): a finished state is final, but
                        // the cursor a receive's commit just moved is not old.
                        ? r.keepOnAgent() ? r.with(b -> growOnly(b, r, stdout, stderr, status)) : r
                        : r.with(b -> {
                            b.stdoutLength = stdout;
                            b.stderrLength = stderr;
                            if (r.keepOnAgent()) {
                                growOnly(b, r, stdout, stderr, status);
                            }
                            b.charset = status.charset();
                            b.state = state;
                            b.exitCode = status.exitCode();
                            b.reason = collectionNote != null ? collectionNote : status.reason();
                            b.endedAt = state.isFinished() ? status.endedAt() : 0;
                            b.disconnectedAt = 0;
                            b.launched = true;
                        }),
                durable || changedBeyondLengths(job, state, status, collectionNote));
    }

    /**
     * Lengths and cursors only grow on the agent: an older answer (a receive's, applied as it
     * commits) never moves them back.
     */
    private static void growOnly(JobRecord.Builder b, JobRecord r, long stdout, long stderr, JobStatus status) {
        b.stdoutLength = Math.max(r.stdoutLength(), stdout);
        b.stderrLength = Math.max(r.stderrLength(), stderr);
        b.stdoutConsumed = Math.max(r.stdoutConsumed(), status.stdoutCursor());
        b.stderrConsumed = Math.max(r.stderrConsumed(), status.stderrCursor());
    }

    /**
     * How much of a stream a receive can return: while a controller-mode job is being collected,
     * what its spool holds (the agent may already report more), so that HasMoreData never promises
     * output that a receive would not yet find; otherwise what the agent reports.
     */
    private long receivable(JobRecord job, JobStatus status, StreamName stream) {
        long reported = status.length(stream);
        if (job.keepOnAgent() || job.collected()) {
            return reported;
        }
        try {
            return Math.min(reported, spool.length(job.instanceId(), stream));
        } catch (IOException e) {
            return reported;
        }
    }

    private static boolean changedBeyondLengths(JobRecord r, JobState state, JobStatus s, String note) {
        return r.state() != state
                || !Objects.equals(r.exitCode(), s.exitCode())
                || !Objects.equals(r.reason(), note != null ? note : s.reason())
                || r.disconnectedAt() != 0
                || !r.launched()
                || r.charset() == null;
    }

    /**
     * Controller mode: the spool holds all the output and is synced, so the job takes its final
     * state; from here on everything can be received from the controller. Not yet collected: its
     * agent's copy is released next, and only then {@link #markCollected} ends the watch. Waiters
     * need not wait for that housekeeping.
     */
    public void finishCollection(JobRecord job, JobStatus reported, long truncatedAt) {
        JobStatus status = AgentValues.bounded(reported);
        JobState state = JobState.of(status.state());
        String reason = status.reason();
        if (truncatedAt >= 0) {
            String note = "output beyond the spool cap of " + truncatedAt + " bytes per stream was dropped";
            if (limits.get().spoolCapPolicy() == Limits.SpoolCapPolicy.FAIL) {
                state = JobState.FAILED;
                reason = note;
            } else {
                reason = reason == null ? note : reason + "; " + note;
            }
        }
        JobState finalState = state;
        String finalReason = reason;
        long cap = truncatedAt >= 0 ? truncatedAt : Long.MAX_VALUE;
        table.update(
                job.id(),
                r -> r.with(b -> {
                    b.stdoutLength = Math.min(status.stdoutLength(), cap);
                    b.stderrLength = Math.min(status.stderrLength(), cap);
                    b.state = finalState;
                    b.exitCode = status.exitCode();
                    b.reason = finalReason;
                    b.endedAt = status.endedAt() > 0 ? status.endedAt() : System.currentTimeMillis();
                    b.disconnectedAt = 0;
                    b.launched = true;
                }),
                true);
    }

    /**
     * After a restart: a controller-mode job recorded finished whose spool holds less than its
     * final lengths (the machine went down between the final state and the spool's sync, see
     * {@link NodeMonitor}) is Running again until its monitor has collected the rest from the
     * agent, which released nothing yet; so finished keeps meaning "all of it is here".
     */
    public void reopenUncollected(List<JobRecord> watched) {
        for (JobRecord job : watched) {
            if (job.keepOnAgent() || job.collected() || !job.state().isFinished()) {
                continue;
            }
            boolean whole = true;
            for (StreamName stream : StreamName.values()) {
                try {
                    whole &= spool.length(job.instanceId(), stream) >= job.length(stream);
                } catch (IOException e) {
                    whole = false;
                }
            }
            if (!whole) {
                table.update(job.id(), r -> r.with(b -> b.state = JobState.RUNNING), true);
            }
        }
    }

    /**
     * Controller mode, after {@link #finishCollection}: the agent's copy is released (or gone), so
     * nothing is left to collect. Durable before it returns.
     */
    public void markCollected(JobRecord job) throws IOException {
        table.update(job.id(), r -> r.with(b -> b.collected = true), true);
        table.sync();
    }

    /**
     * The agent could not be reached: its unfinished jobs are Disconnected (or Lost past the
     * limit), including those whose launch is not confirmed yet, unless a launch is in flight.
     */
    public void markUnreachable(String node, List<JobRecord> jobs, String why) {
        long now = System.currentTimeMillis();
        Duration lostAfter = limits.get().lostAfter();
        for (JobRecord seen : jobs) {
            if (launching.test(seen.instanceId())) {
                continue;
            }
            // Decided on the record as it is now, not as the caller saw it: a job that finished
            // meanwhile (its node deleted: Lost) stays as it is.
            table.update(
                    seen.id(),
                    r -> {
                        if (r.state().isFinished()) {
                            return r;
                        }
                        long since = r.disconnectedAt() == 0 ? now : r.disconnectedAt();
                        boolean lost = !lostAfter.isZero() && now - since > lostAfter.toMillis();
                        String reason = lost
                                ? "agent " + node + " stayed unreachable past the limit of " + lostAfter.toSeconds()
                                        + " s"
                                : r.launched()
                                        ? why
                                        : why + "; whether the job started is asked when the agent is back";
                        return r.with(b -> {
                            b.state = lost ? JobState.LOST : JobState.DISCONNECTED;
                            b.reason = reason;
                            b.disconnectedAt = since;
                            b.endedAt = lost ? now : 0;
                        });
                    },
                    true);
        }
    }

    /** The agent answered but has no record of this job. */
    public void markMissing(JobRecord job) {
        if (launching.test(job.instanceId())) {
            return; // its launch is still on its way
        }
        if (!job.launched()) {
            // A step resumed after a controller restart sends it again within the grace: leave it that long.
            long since = Math.max(job.createdAt(), openedAt);
            if (System.currentTimeMillis() - since
                    >= limits.get().reconnectGrace().toMillis()) {
                fail(job, JobRecord.NEVER_LAUNCHED + "agent " + job.node() + " has no record of it");
            }
            return;
        }
        if (job.state().isFinished() && !job.keepOnAgent()) {
            // Finished means its output is all in the spool; the agent's copy is gone, as a release would leave it.
            table.update(job.id(), r -> r.with(b -> b.collected = true), true);
            return;
        }
        table.update(
                job.id(),
                r -> r.with(b -> {
                    b.state = JobState.LOST;
                    b.reason = "agent " + job.node() + " no longer has this job in its job cache";
                    b.endedAt = System.currentTimeMillis();
                }),
                true);
    }

    /** The job never reached its agent, so nothing is to be collected: Failed with the reason. */
    public void fail(JobRecord job, String reason) {
        table.update(
                job.id(),
                r -> r.with(b -> {
                    b.state = JobState.FAILED;
                    b.reason = reason;
                    b.collected = true;
                    b.endedAt = System.currentTimeMillis();
                    b.disconnectedAt = 0;
                }),
                true);
    }

    public void markLost(String node, String why) {
        for (JobRecord job : table.watchedOn(node)) {
            table.update(
                    job.id(),
                    r -> r.with(b -> {
                        b.state = JobState.LOST;
                        b.reason = why;
                        b.endedAt = System.currentTimeMillis();
                    }),
                    true);
        }
    }
}
