package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every job of one node, one step at a time on the shared {@link MonitorPool}, with at
 * most one call in flight: each round asks
 * the agent, in a single {@link AgentProtocol#read}, for the new output of its controller-mode jobs
 * and the status of all its unfinished ones, waiting on the agent side when nothing is new. So the
 * cost grows with agents, not with jobs. It spools output, moves states on, finishes collection
 * (final state recorded, spool synced, agent copy released, then marked collected) and marks jobs {@code
 * Disconnected} or {@code Lost} when the agent cannot be reached.
 */
final class NodeMonitor {

    private static final Logger LOG = Logger.getLogger(NodeMonitor.class.getName());
    static final long AGENT_WAIT_MILLIS = 2_000;
    private static final long IDLE_MILLIS = 60_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** How soon to look again at a job whose processes are still ending after a stop or timeout. */
    private static final long SETTLE_MILLIS = 50;

    private final String node;
    private final JobManager manager;
    /** A quiet node's first and longest delay between rounds that do not wait on the agent. */
    static final long MIN_QUIET_MILLIS = 20;

    static final long MAX_QUIET_MILLIS = 1_000;

    private final MonitorPool pool;
    private volatile boolean closed;
    /** Guarded by this: a step is queued or running; woken while it was; the timer of a parked monitor. */
    private boolean scheduled;

    private boolean woken;
    private ScheduledFuture<?> timer;
    /** Whether the last round brought output (the next one then asks again at once, without waiting). */
    private boolean busy;
    /** Rounds in a row that did not wait on the agent and found nothing new. */
    private int quietRounds;

    private long backoff;
    /** When calls to the agent started failing (nanoTime), or 0 while they succeed. */
    private long failingSince;

    /**
     * How long calls must keep failing before the jobs are marked Disconnected: a host going down
     * (Jenkins closing its channels before this monitor) or a brief hiccup is not a disconnection.
     * The host's own "disconnected" event still marks them at once.
     */
    static final long DISCONNECT_GRACE_MILLIS = 3_000;
    /** Set by a round that found a finished job whose processes had not all exited yet. */
    private boolean settling;

    private final SpoolWriter writer;

    NodeMonitor(String node, JobManager manager, MonitorPool pool) {
        this.node = node;
        this.manager = manager;
        this.pool = pool;
        this.writer = new SpoolWriter(node);
    }

    /** Something changed for this node (a new job, a reconnect): look again now. */
    void wake() {
        synchronized (this) {
            quietRounds = 0;
        }
        schedule();
    }

    /** Queues a step now, unless one is queued or running (which then runs again at once). */
    private void schedule() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (scheduled) {
                woken = true; // the step in progress or queued runs again at once
                return;
            }
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            scheduled = true;
        }
        if (!pool.execute(this::step)) {
            synchronized (this) {
                scheduled = false;
            }
        }
    }

    /** Called by the pool's timer: the delay a step asked for is over (not news: no reset). */
    private void timerUp() {
        synchronized (this) {
            timer = null;
        }
        schedule();
    }

    void close() {
        synchronized (this) {
            closed = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
        pool.watching(this, false);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * One step on a pool thread, then this monitor is queued again at once (when woken meanwhile or
     * when there is more to do) or parked until woken or until the delay it asked for is over.
     */
    private void step() {
        synchronized (this) {
            woken = false;
        }
        long delay = closed ? -1 : look();
        synchronized (this) {
            if (closed || delay < 0) {
                scheduled = false;
                return;
            }
            if (!woken && delay > 0) {
                scheduled = false;
                timer = pool.schedule(this::timerUp, delay);
                return;
            }
        }
        if (!pool.execute(this::step)) {
            synchronized (this) {
                scheduled = false;
            }
        }
    }

    /** One round with the agent, or what stands for it; returns how long to wait before the next (ms). */
    private long look() {
        try {
            List<JobRecord> watched = manager.watchedOn(node);
            pool.watching(this, !watched.isEmpty());
            if (watched.isEmpty()) {
                busy = false;
                return IDLE_MILLIS;
            }
            Optional<AgentProtocol> agent = manager.directory().connect(node);
            if (agent.isEmpty()) {
                unreachable(watched, "agent " + node + " is not connected");
                return nextBackoff();
            }
            settling = false;
            // A job still recorded Disconnected has news waiting (its agent is back): no long poll.
            boolean longPoll =
                    pool.mayWaitOnAgent() && watched.stream().noneMatch(j -> j.state() == JobState.DISCONNECTED);
            busy = round(agent.get(), watched, busy || !longPoll ? 0 : AGENT_WAIT_MILLIS);
            backoff = 0;
            failingSince = 0;
            if (writer.isPaused()) {
                // The agent would answer at once with the bytes that could not be written:
                // look again only after a while, not in a tight loop.
                return writer.nextPauseMillis();
            }
            if (busy) {
                quietRounds = 0;
                return 0;
            }
            if (settling) {
                // The agent reports the stop at once but the job's processes are still going
                // (TERM, then KILL after the grace period); its read would not wait, so pause here.
                return SETTLE_MILLIS;
            }
            // After a long poll the agent has waited already; a short one waits here, longer while
            // the node stays quiet.
            return longPoll ? 0 : quietDelay();
        } catch (IOException | RuntimeException e) {
            return recover(e);
        }
    }

    private long quietDelay() {
        long delay = Math.min(MAX_QUIET_MILLIS, MIN_QUIET_MILLIS << Math.min(quietRounds, 16));
        quietRounds++;
        return delay;
    }

    /**
     * Records a failed round (an IOException: the agent is unreachable; a {@link JobCacheException}:
     * it answered but could not do it, which is only logged) and returns the back-off delay, or -1
     * when the monitor should end. A round that fails because the manager closed meanwhile (its table is
     * closed, its agents are going away) records nothing: it ends quietly, so a host that closes
     * while jobs run neither prints a stack trace nor persists them as Disconnected.
     */
    private long recover(Exception failure) {
        if (closed) {
            return -1;
        }
        try {
            if (failure instanceof JobCacheException refused) {
                // The agent answered: it is reachable, it could not do what was asked (a full disk).
                LOG.warning(node + " refused a request of the job monitor (" + refused.getMessage() + "); retrying");
            } else if (failure instanceof IOException) {
                unreachable(manager.watchedOn(node), failure.getMessage());
            } else {
                LOG.log(Level.WARNING, "monitoring jobs on " + node + " failed; retrying", failure);
            }
        } catch (RuntimeException e) {
            if (closed) {
                return -1;
            }
            LOG.log(Level.WARNING, "recording that " + node + " is unreachable failed", e);
        }
        return closed ? -1 : nextBackoff();
    }

    /** Marks the jobs Disconnected once the agent has been unreachable past the grace period. */
    private void unreachable(List<JobRecord> watched, String why) {
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
        }
        // A node the host does not run (a local agent this run did not start) will not come back soon.
        if (now - failingSince >= DISCONNECT_GRACE_MILLIS * 1_000_000L
                || !manager.directory().exists(node)) {
            manager.recorder().markUnreachable(node, watched, why);
        }
    }

    private long nextBackoff() {
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff == 0 ? 200 : backoff * 2);
        return backoff;
    }

    /** One call to the agent and what follows from it; returns whether output arrived. */
    private boolean round(AgentProtocol agent, List<JobRecord> watched, long waitMillis) throws IOException {
        Spool spool = manager.spool();
        int budget = manager.limits().readBudgetBytes();
        List<ReadRequest> requests = new ArrayList<>();
        Map<String, Integer> asked = new HashMap<>();
        Map<String, JobRecord> byInstance = new HashMap<>();
        for (JobRecord job : watched) {
            byInstance.put(job.instanceId(), job);
            AgentJobState known = agentState(job);
            for (StreamName stream : StreamName.values()) {
                long spooled = collecting(job) ? spool.length(job.instanceId(), stream) : 0;
                int room = (int) Math.max(0, Math.min(budget, manager.limits().spoolCapBytes() - spooled));
                if (writer.isPaused(job.instanceId())) {
                    room = Math.min(room, SpoolWriter.PROBE_BYTES);
                }
                if (collecting(job) && room > 0) {
                    requests.add(new ReadRequest(job.instanceId(), stream, spooled, room, known));
                    asked.put(job.instanceId() + "/" + stream, room);
                } else {
                    // Status only: wake when the stream grows beyond what is known; a spool at its cap
                    // collects nothing more, so only a change of state matters then.
                    long seen = collecting(job) ? Long.MAX_VALUE : job.length(stream);
                    requests.add(new ReadRequest(job.instanceId(), stream, seen, 0, known));
                }
            }
        }
        ReadResult result = agent.read(requests, budget, waitMillis);
        boolean gotOutput = !result.chunks().isEmpty();
        Map<String, String> failed = writer.write(spool, result.chunks(), asked, manager.table());
        Map<String, JobStatus> statuses = new HashMap<>();
        result.statuses().forEach(s -> statuses.put(s.instanceId(), s));
        for (JobRecord job : watched) {
            if (removedOnPurpose(job)) {
                continue; // removed while this round was in flight
            }
            JobStatus status = statuses.get(job.instanceId());
            if (status == null) {
                manager.recorder().markMissing(job);
            } else {
                apply(agent, job, status, failed.get(job.instanceId()));
            }
        }
        return gotOutput && failed.isEmpty();
    }

    private void apply(AgentProtocol agent, JobRecord job, JobStatus status, String pausedNote) throws IOException {
        // A stop or timeout is reported at once, with endedAt 0 until the job's processes are gone.
        settling |= status.state().isFinished() && status.endedAt() <= 0;
        if (!collecting(job)) {
            manager.recorder().applyStatus(job, status, null);
            return;
        }
        Spool spool = manager.spool();
        long cap = manager.limits().spoolCapBytes();
        boolean truncated = false;
        boolean complete = status.state().isFinished() && status.endedAt() > 0;
        for (StreamName stream : StreamName.values()) {
            long target = Math.min(status.length(stream), cap);
            truncated |= status.length(stream) > cap;
            complete &= spool.length(job.instanceId(), stream) >= target;
        }
        if (truncated
                && manager.limits().spoolCapPolicy() == Limits.SpoolCapPolicy.FAIL
                && !status.state().isFinished()) {
            agent.stop(job.instanceId());
        }
        if (!complete) {
            manager.recorder().applyStatus(job, runningUntilCollected(status), pausedNote);
            return;
        }
        // Final for everyone now: the whole output is in the spool, which every reader reads
        // through the page cache, so waiters go on before the sync. The agent's copy is released
        // only once the spool is on the disk; after a machine crash before that, the manager
        // reopens such a job as Running and collects it again (JobManager#resume).
        manager.recorder().finishCollection(job, status, truncated ? cap : -1);
        spool.sync(job.instanceId());
        Release release = status.released() ? Release.DONE : release(agent, job);
        if (release == Release.STILL_ENDING) {
            // A process of the job is still ending (a stop's stragglers): release it on a later round.
            settling = true;
            return;
        }
        if (release == Release.DONE) {
            manager.recorder().markCollected(job);
        }
        wake();
    }

    private enum Release {
        DONE,
        STILL_ENDING,
        /** A removeJob deleted the agent's copy first: nothing is left to mark collected. */
        REMOVED
    }

    /**
     * Releases the agent's copy. The job's wrapper may take a moment to exit after writing its
     * status, so a refusal because a process is still alive is not an error; neither is a job a
     * {@code removeJob} deleted meanwhile (the step that ended the wait often removes it at once).
     * Any other refusal or failure is thrown, as for every other call.
     */
    private Release release(AgentProtocol agent, JobRecord job) throws IOException {
        try {
            agent.release(job.instanceId());
            return Release.DONE;
        } catch (JobCacheException e) {
            if (e.kind() == JobCacheException.Kind.RUNNING) {
                return Release.STILL_ENDING;
            }
            if (e.kind() == JobCacheException.Kind.NO_SUCH_JOB && removedOnPurpose(job)) {
                return Release.REMOVED;
            }
            throw e;
        }
    }

    /** Whether a removeJob has taken, or is taking, this job out of the table. */
    private boolean removedOnPurpose(JobRecord job) {
        return manager.control().isBeingRemoved(job.id())
                || manager.table().get(job.id()).isEmpty();
    }

    /**
     * A controller-mode job is reported Running until its output is all in the spool, so that
     * "finished" always means "everything can be received from the controller".
     */
    static JobStatus runningUntilCollected(JobStatus s) {
        return s.state() == AgentJobState.RUNNING ? s : s.asRunning();
    }

    private static boolean collecting(JobRecord job) {
        return !job.keepOnAgent() && !job.collected();
    }

    private static AgentJobState agentState(JobRecord job) {
        return switch (job.state()) {
            case COMPLETED -> AgentJobState.COMPLETED;
            case FAILED -> AgentJobState.FAILED;
            case STOPPED -> AgentJobState.STOPPED;
            default -> AgentJobState.RUNNING;
        };
    }
}
