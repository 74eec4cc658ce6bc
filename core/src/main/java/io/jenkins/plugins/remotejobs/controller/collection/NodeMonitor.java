package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every job of one node, one step at a time on the shared {@link MonitorPool}, with at
 * most one call in flight: when to look again (at once while output flows, longer while the node is
 * quiet, backing off while the agent fails) and what an unreachable agent means for its jobs
 * ({@code Disconnected}, {@code Lost}). Each look is one {@link CollectionRound}: a single call for
 * every job of the node, so the cost grows with agents, not with jobs.
 */
final class NodeMonitor {

    private static final Logger LOG = Logger.getLogger(NodeMonitor.class.getName());
    static final long AGENT_WAIT_MILLIS = 2_000;
    private static final long IDLE_MILLIS = 60_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** How soon to look again at a job whose processes are still ending after a stop or timeout. */
    private static final long SETTLE_MILLIS = 50;

    private final String node;
    private final NodeMonitors monitors;
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

    private final SpoolWriter writer;
    private final CollectionRound collection;

    NodeMonitor(String node, NodeMonitors monitors, MonitorPool pool) {
        this.node = node;
        this.monitors = monitors;
        this.pool = pool;
        this.writer = new SpoolWriter(node);
        this.collection = new CollectionRound(monitors, writer);
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
            List<JobRecord> watched = monitors.table.watchedOn(node);
            pool.watching(this, !watched.isEmpty());
            if (watched.isEmpty()) {
                busy = false;
                return IDLE_MILLIS;
            }
            Optional<AgentProtocol> agent = monitors.directory.connect(node);
            if (agent.isEmpty()) {
                unreachable(watched, "agent " + node + " is not connected");
                return nextBackoff();
            }
            // A job still recorded Disconnected has news waiting (its agent is back): no long poll.
            boolean longPoll =
                    pool.mayWaitOnAgent() && watched.stream().noneMatch(j -> j.state() == JobState.DISCONNECTED);
            CollectionRound.Outcome round =
                    collection.run(agent.get(), watched, busy || !longPoll ? 0 : AGENT_WAIT_MILLIS);
            busy = round.gotOutput();
            if (round.finishedOne()) {
                wake(); // the next round looks at once, without a long poll on what is left
            }
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
            if (round.settling()) {
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
                unreachable(monitors.table.watchedOn(node), failure.getMessage());
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
        if (now - failingSince >= DISCONNECT_GRACE_MILLIS * 1_000_000L || !monitors.directory.exists(node)) {
            monitors.recorder.markUnreachable(node, watched, why);
        }
    }

    private long nextBackoff() {
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff == 0 ? 200 : backoff * 2);
        return backoff;
    }
}
