package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.collection.JobRecorder;
import io.jenkins.plugins.remotejobs.controller.collection.NodeMonitors;
import io.jenkins.plugins.remotejobs.controller.collection.Spool;
import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.controller.waits.AgentWaits;
import io.jenkins.plugins.remotejobs.controller.waits.Waits;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import io.jenkins.plugins.remotejobs.util.Signal;
import io.jenkins.plugins.remotejobs.util.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The controller side of the engine: the job table (PowerShell's {@code Get-Job}), collection from
 * agents ({@link NodeMonitors}), and the operations the steps map onto ({@link #starter}, {@link
 * #receiver}, {@link #control}, {@link #lookup}). Persisted under its own directory, which it owns
 * through a file lock, and reloaded on open; jobs that were running are picked up again.
 */
public final class JobManager implements AutoCloseable {

    /**
     * Launch threads of all starts together: as many as the highest {@code throttle}, so one start
     * never runs fewer at once than it asked for unless others run that many too.
     */
    private static final int LAUNCH_THREADS = 1000;

    private final Path dir;
    private final CacheLock lock;
    private final AgentDirectory directory;
    private final java.util.function.Supplier<Limits> limits;
    private final Signal events = new Signal();
    private final Waits waits;
    private final JobTable table;
    private final Spool spool;
    private final long openedAt = System.currentTimeMillis();
    private final NodeMonitors monitors;
    private final ScheduledExecutorService housekeeping;
    /** Launches of every start, each start {@code throttle} at a time: one pool, not one per start. */
    private final ExecutorService launchThreads = Threads.bounded("remote-jobs-launch", LAUNCH_THREADS);
    /** The job table's syncs that overlap with launches; one at a time, as the group commit runs them. */
    private final ExecutorService tableSyncs =
            Executors.newSingleThreadExecutor(r -> Threads.daemon(r, "remote-jobs-table-sync"));

    private final JobStarter starter;
    private final JobRecorder recorder;
    private final AgentWaits agentWaits;

    private final JobReceiver receiver;
    private final JobControl control;
    private final JobLookup lookup;
    private volatile boolean closed;

    private JobManager(Path dir, CacheLock lock, AgentDirectory directory, java.util.function.Supplier<Limits> limits)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        this.directory = directory;
        this.limits = limits;
        this.agentWaits = new AgentWaits(directory, limits, () -> closed);
        this.table = JobTable.open(dir, events);
        this.spool = new Spool(dir.resolve("spool"), () -> limits.get().spoolQuotaBytes());
        this.starter = new JobStarter(this);
        this.recorder = new JobRecorder(table, spool, limits, starter::isLaunching, openedAt);
        this.receiver = new JobReceiver(this);
        this.control = new JobControl(this);
        this.lookup = new JobLookup(this);
        this.monitors = new NodeMonitors(table, recorder, spool, limits, directory, control::isBeingRemoved);
        this.housekeeping =
                Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "remote-jobs-housekeeping"));
        this.waits = new Waits(events); // last: its thread starts here
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
            // A closed manager hears nothing more: its table is closed (a host that keeps its
            // directory may open a new manager on the same state).
            @Override
            public void connected(String node) {
                if (!closed) {
                    agentWaits.connected();
                    monitors.wake(node);
                }
            }

            @Override
            public void disconnected(String node) {
                starter.disconnected(node);
                if (!closed) {
                    recorder.markUnreachable(node, table.watchedOn(node), "agent " + node + " disconnected");
                    monitors.wake(node);
                }
            }

            @Override
            public void deleted(String node) {
                if (!closed) {
                    recorder.markLost(node, "node " + node + " was deleted");
                }
            }
        });
        recorder.reopenUncollected(table.nodesWithWatchedJobs().stream()
                .flatMap(node -> table.watchedOn(node).stream())
                .toList());
        table.nodesWithWatchedJobs().forEach(node -> monitors.wake(node));
        housekeeping.scheduleWithFixedDelay(control::applyRetention, 0, 1, TimeUnit.HOURS);
    }

    public JobStarter starter() {
        return starter;
    }

    JobRecorder recorder() {
        return recorder;
    }

    /** Waiting for agents to connect. */
    public AgentWaits agentWaits() {
        return agentWaits;
    }

    /**
     * Since when an agent counts as away for a job disconnected at {@code disconnectedAt}: not
     * before this manager opened, so that agents have the whole grace to reconnect after a
     * controller restart.
     */
    long awaySince(long disconnectedAt) {
        return Math.max(disconnectedAt, openedAt);
    }

    public JobReceiver receiver() {
        return receiver;
    }

    public JobControl control() {
        return control;
    }

    /** Finding the jobs a step names. */
    public JobLookup lookup() {
        return lookup;
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

    /** How many waits ({@code waitJob}, {@code receiveJob wait: true}) are in progress now. */
    public int waitsInProgress() {
        return waits.size();
    }

    /** The waits in progress, served without a thread each. */
    Waits waits() {
        return waits;
    }

    /** Fired on every change of any job; what waits wait on. */
    public Signal events() {
        return events;
    }

    /**
     * The spool's use against its quota, for a host to show (in Jenkins an administrative monitor):
     * bytes held, the quota (zero for none), and whether the spool is at it (output beyond it waits
     * on the agents).
     */
    public SpoolUsage spoolUsage() {
        return new SpoolUsage(spool.usedBytes(), spool.quotaBytes(), spool.atQuota());
    }

    /** See {@link #spoolUsage}. */
    public record SpoolUsage(long usedBytes, long quotaBytes, boolean atQuota) {}

    Spool spool() {
        return spool;
    }

    Path dir() {
        return dir;
    }

    /** The user's view of a record: a parent's state and output flag come from its children. */
    public JobInfo info(JobRecord r) {
        return JobInfo.of(r, children(r));
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

    ExecutorService launchThreads() {
        return launchThreads;
    }

    ExecutorService tableSyncs() {
        return tableSyncs;
    }

    NodeMonitors monitors() {
        return monitors;
    }

    List<JobRecord> watchedOn(String node) {
        return table.watchedOn(node);
    }

    /** Whether {@link #close} was called: the host is shutting down, and what was under way resumes later. */
    boolean isClosed() {
        return closed;
    }

    /** Stops watching and releases the directory (once). Jobs go on; a later open picks them up. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        starter.awaitLaunchesOnTheirWay(); // a clean restart cuts none of them short
        closed = true;
        events.fire(); // what waits on events (a stop settling) sees the close at once
        waits.close();
        housekeeping.shutdownNow();
        launchThreads.shutdownNow();
        tableSyncs.shutdown(); // a sync under way finishes: a step may be waiting for it
        monitors.close();
        table.close();
        lock.close();
    }
}
