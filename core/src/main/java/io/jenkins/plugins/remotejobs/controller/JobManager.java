package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The controller side of the engine: the job table (PowerShell's {@code Get-Job}), one {@link
 * NodeMonitor} per node with jobs to watch, and the operations the steps map onto ({@link
 * #starter}, {@link #receiver}, {@link #control}). Persisted under its own directory, which it owns
 * through a file lock, and reloaded on open; jobs that were running are picked up again.
 */
public final class JobManager implements AutoCloseable {

    private final Path dir;
    private final CacheLock lock;
    private final AgentDirectory directory;
    private final java.util.function.Supplier<Limits> limits;
    private final Signal events = new Signal();
    private final JobTable table;
    private final Spool spool;
    private final long openedAt = System.currentTimeMillis();
    private final Map<String, NodeMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, Thread> monitorThreads = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private final JobStarter starter;
    private final JobReceiver receiver;
    private final JobControl control;
    private volatile boolean closed;

    private JobManager(Path dir, CacheLock lock, AgentDirectory directory, java.util.function.Supplier<Limits> limits)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        this.directory = directory;
        this.limits = limits;
        this.table = JobTable.open(dir, events);
        this.spool = new Spool(dir.resolve("spool"));
        this.starter = new JobStarter(this);
        this.receiver = new JobReceiver(this);
        this.control = new JobControl(this);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "remote-jobs-housekeeping"));
    }

    /**
     * Opens the manager persisted in {@code dir} (created if needed) and resumes watching its jobs.
     *
     * @throws IOException when another process owns {@code dir}, with a message saying so
     */
    public static JobManager open(Path dir, AgentDirectory directory, Limits limits) throws IOException {
        return open(dir, directory, () -> limits);
    }

    /**
     * Opens the manager with limits read afresh at each use, so that a host's configuration
     * changes apply at once.
     *
     * @throws IOException when another process owns {@code dir}, with a message saying so
     */
    public static JobManager open(Path dir, AgentDirectory directory, java.util.function.Supplier<Limits> limits)
            throws IOException {
        Path real = Files.createDirectories(dir).toRealPath();
        CacheLock lock = CacheLock.acquire(real);
        try {
            JobManager m = new JobManager(real, lock, directory, limits);
            m.resume();
            return m;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void resume() {
        directory.addListener(new AgentDirectory.AgentListener() {
            @Override
            public void connected(String node) {
                monitor(node).wake();
            }

            @Override
            public void disconnected(String node) {
                markUnreachable(node, table.watchedOn(node), "agent " + node + " disconnected");
                monitor(node).wake();
            }

            @Override
            public void deleted(String node) {
                markLost(node, "node " + node + " was deleted");
            }
        });
        table.nodesWithWatchedJobs().forEach(node -> monitor(node).wake());
        housekeeping.scheduleWithFixedDelay(control::applyRetention, 0, 1, TimeUnit.HOURS);
    }

    public JobStarter starter() {
        return starter;
    }

    public JobReceiver receiver() {
        return receiver;
    }

    public JobControl control() {
        return control;
    }

    public JobTable table() {
        return table;
    }

    public Limits limits() {
        return limits.get();
    }

    public AgentDirectory directory() {
        return directory;
    }

    /** Fired on every change of any job; what waits wait on. */
    public Signal events() {
        return events;
    }

    Spool spool() {
        return spool;
    }

    Path dir() {
        return dir;
    }

    /** The user's view of a record: a parent's state and output flag come from its children. */
    public JobInfo info(JobRecord r) {
        if (!r.isParent()) {
            return new JobInfo(
                    r.id(),
                    r.instanceId(),
                    r.name(),
                    r.state(),
                    r.hasUnreceivedOutput(),
                    r.node(),
                    r.command(),
                    r.exitCode(),
                    r.reason(),
                    r.childIds(),
                    r.keepOnAgent(),
                    r.owner(),
                    r.build());
        }
        List<JobRecord> children = children(r);
        List<JobState> states = children.stream().map(JobRecord::state).toList();
        boolean more = children.stream().anyMatch(JobRecord::hasUnreceivedOutput);
        String location =
                String.join(", ", children.stream().map(JobRecord::node).toList());
        String reason = children.stream()
                .filter(c -> c.reason() != null && c.state() != JobState.RUNNING)
                .map(c -> c.node() + ": " + c.reason())
                .findFirst()
                .orElse(null);
        return new JobInfo(
                r.id(),
                r.instanceId(),
                r.name(),
                JobInfo.parentState(states),
                more,
                location,
                r.command(),
                null,
                reason,
                r.childIds(),
                r.keepOnAgent(),
                r.owner(),
                r.build());
    }

    /** The current info of job {@code id}, or empty once it was removed. */
    public Optional<JobInfo> info(long id) {
        return table.get(id).map(this::info);
    }

    /** A job's children in creation order (itself alone when it is not a parent). */
    List<JobRecord> children(JobRecord r) {
        if (!r.isParent()) {
            return List.of(r);
        }
        List<JobRecord> out = new ArrayList<>();
        for (long id : r.childIds()) {
            table.get(id).ifPresent(out::add);
        }
        return out;
    }

    NodeMonitor monitor(String node) {
        return monitors.computeIfAbsent(node, n -> {
            NodeMonitor m = new NodeMonitor(n, this);
            if (!closed) {
                Thread t = daemon(m, "remote-jobs-monitor-" + n);
                monitorThreads.put(n, t);
                t.start();
            }
            return m;
        });
    }

    List<JobRecord> watchedOn(String node) {
        return table.watchedOn(node);
    }

    /** Applies what an agent reported; durable when anything but output lengths changed. */
    void applyStatus(JobRecord job, JobStatus status, String collectionNote) {
        JobState state = JobState.of(status.state());
        long now = System.currentTimeMillis();
        long stdout = receivable(job, status, StreamName.STDOUT);
        long stderr = receivable(job, status, StreamName.STDERR);
        table.update(
                job.id(),
                r -> r.with(b -> {
                    b.stdoutLength = stdout;
                    b.stderrLength = stderr;
                    if (r.keepOnAgent()) {
                        b.stdoutConsumed = status.stdoutCursor();
                        b.stderrConsumed = status.stderrCursor();
                    }
                    b.charset = status.charset();
                    b.state = state;
                    b.exitCode = status.exitCode();
                    b.reason = collectionNote != null ? collectionNote : status.reason();
                    b.endedAt = state.isFinished() ? (status.endedAt() > 0 ? status.endedAt() : now) : 0;
                    b.disconnectedAt = 0;
                }),
                changedBeyondLengths(job, state, status, collectionNote));
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
                || !java.util.Objects.equals(r.exitCode(), s.exitCode())
                || !java.util.Objects.equals(r.reason(), note != null ? note : s.reason())
                || r.disconnectedAt() != 0
                || r.charset() == null;
    }

    /**
     * Controller mode: the spool holds all the output and is synced, so the job takes its final
     * state; from here on everything can be received from the controller. Not yet collected: its
     * agent's copy is released next, and only then {@link #markCollected} ends the watch. Waiters
     * need not wait for that housekeeping.
     */
    void finishCollection(JobRecord job, JobStatus status, long truncatedAt) throws IOException {
        JobState state = JobState.of(status.state());
        String reason = status.reason();
        if (truncatedAt >= 0) {
            String note = "output beyond the spool cap of " + truncatedAt + " bytes per stream was dropped";
            if (limits().spoolCapPolicy() == Limits.SpoolCapPolicy.FAIL) {
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
                }),
                true);
    }

    /**
     * Controller mode, after {@link #finishCollection}: the agent's copy is released (or gone), so
     * nothing is left to collect. Durable before it returns.
     */
    void markCollected(JobRecord job) throws IOException {
        table.update(job.id(), r -> r.with(b -> b.collected = true), true);
        table.sync();
    }

    /** The agent could not be reached: its unfinished jobs are Disconnected (or Lost past the limit). */
    void markUnreachable(String node, List<JobRecord> jobs, String why) {
        long now = System.currentTimeMillis();
        for (JobRecord job : jobs) {
            if (job.state().isFinished() || (job.state() == JobState.NOT_STARTED && job.createdAt() >= openedAt)) {
                continue;
            }
            long since = job.disconnectedAt() == 0 ? now : job.disconnectedAt();
            Duration lostAfter = limits().lostAfter();
            boolean lost = !lostAfter.isZero() && now - since > lostAfter.toMillis();
            table.update(
                    job.id(),
                    r -> r.with(b -> {
                        b.state = lost ? JobState.LOST : JobState.DISCONNECTED;
                        b.reason = lost
                                ? "agent " + node + " stayed unreachable past the limit of " + lostAfter.toSeconds()
                                        + " s"
                                : why;
                        b.disconnectedAt = since;
                        b.endedAt = lost ? now : 0;
                    }),
                    true);
        }
    }

    /** The agent answered but no longer has this job. */
    void markMissing(JobRecord job) {
        if (job.state() == JobState.NOT_STARTED && job.createdAt() >= openedAt) {
            return; // its launch is still on its way
        }
        if (job.state().isFinished() && !job.keepOnAgent()) {
            // Finished means its output is all in the spool; the agent's copy is gone, as a release would leave it.
            table.update(job.id(), r -> r.with(b -> b.collected = true), true);
            return;
        }
        String why = job.state() == JobState.NOT_STARTED
                ? "the controller stopped before the job was launched"
                : "agent " + job.node() + " no longer has this job in its job cache";
        JobState state = job.state() == JobState.NOT_STARTED ? JobState.FAILED : JobState.LOST;
        table.update(
                job.id(),
                r -> r.with(b -> {
                    b.state = state;
                    b.reason = why;
                    b.endedAt = System.currentTimeMillis();
                }),
                true);
    }

    void markLost(String node, String why) {
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops watching and releases the directory (once). Jobs go on; a later open picks them up. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        monitors.values().forEach(NodeMonitor::close);
        // A round in flight ends within the agent's wait; its results must not outlive the table.
        // (No interrupt: it would close the NIO channels a monitor writes through.)
        for (Thread t : monitorThreads.values()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        table.close();
        lock.close();
    }
}
