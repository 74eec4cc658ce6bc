package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException.Kind;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent side of the engine: a directory of jobs that run detached from this JVM. Everything it
 * knows it rebuilds from the directory when opened, so an agent restart loses nothing; one process
 * owns a root at a time (an OS file lock). Thread-safe.
 */
public final class JobCache implements AgentProtocol, AutoCloseable {

    /**
     * The agent JVM's system property that chooses how new jobs start: {@code sh} (the default on
     * POSIX) or {@code portable} (the default, and the only one, on Windows).
     */
    public static final String LAUNCHER_PROPERTY = "io.jenkins.plugins.remotejobs.launcher";

    /** The launchers {@link #LAUNCHER_PROPERTY} may name. */
    public static final java.util.List<String> LAUNCHERS = java.util.List.of("sh", "portable");

    private final Path root;
    private final CacheLock lock;
    private final Map<String, Object> launching = new ConcurrentHashMap<>();
    private final JobEvents events = JobEvents.open();
    private final CachedJobs jobs;
    private final JobLauncher launcher;
    private final JobStops stops;
    private final OutputReader reader;

    private final ProcessLauncher starter;

    private JobCache(Path root, CacheLock lock, Duration stopGrace, ProcessLauncher starter) {
        this.root = root;
        this.lock = lock;
        this.starter = starter;
        this.launcher = new JobLauncher(starter);
        this.stops = new JobStops(stopGrace, events);
        this.jobs = new CachedJobs(root, events);
        this.reader = new OutputReader(jobs, events);
    }

    /** Opens (creating if needed) the cache at {@code root} with a 5 second stop grace period. */
    public static JobCache open(Path root) throws IOException {
        return open(root, Duration.ofSeconds(5));
    }

    /**
     * Opens the cache at {@code root}, taking its lock and rebuilding every job from its directory.
     *
     * @throws IOException when another process owns the root, with a message naming it
     */
    public static JobCache open(Path root, Duration stopGrace) throws IOException {
        return open(root, stopGrace, ProcessLauncher.configured());
    }

    /**
     * Opens the cache at {@code root} with the launcher named {@code launcher} ({@code sh} or
     * {@code portable}) starting its new jobs; jobs that either started are read alike.
     *
     * @throws IOException when another process owns the root, or for a launcher this agent cannot use
     */
    public static JobCache open(Path root, Duration stopGrace, String launcher) throws IOException {
        Path dir = Files.createDirectories(root).toRealPath();
        ProcessLauncher starter = ProcessLauncher.named(launcher, dir, stopGrace);
        CacheLock lock = CacheLock.acquire(dir);
        JobCache cache = new JobCache(dir, lock, stopGrace, starter);
        try {
            cache.rebuild();
        } catch (IOException | RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    public Path root() {
        return root;
    }

    private void rebuild() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                root, p -> JobIds.isValid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                CachedJob job =
                        launcher.reload(new JobFiles(dir), dir.getFileName().toString());
                if (job != null) {
                    jobs.put(job);
                    events.watch(job.instanceId, dir);
                    if (job.process() != null && job.end() == null) {
                        events.watchProcess(job.instanceId);
                    }
                    stops.rearm(job);
                }
            }
        }
    }

    @Override
    public JobStatus launch(LaunchRequest request) throws IOException {
        jobs.requireOpen();
        String id = JobIds.requireValid(request.instanceId());
        // One launch per instance id at a time; launches of different jobs overlap (each spends most
        // of its time waiting for its process to start).
        Object lock = launching.computeIfAbsent(id, k -> new Object());
        CachedJob launched;
        try {
            synchronized (lock) {
                CachedJob existing = jobs.get(id);
                if (existing != null) {
                    return existing.status();
                }
                CachedJob job = launcher.launch(JobFiles.of(root, id), request);
                jobs.put(job);
                events.watch(id, job.dir());
                if (job.process() != null) {
                    events.watchProcess(id);
                }
                launched = job;
            }
        } finally {
            launching.remove(id, lock);
        }
        events.changed(id);
        return launched.launchedStatus();
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        return jobs.job(instanceId).status();
    }

    @Override
    public List<JobStatus> list() throws IOException {
        jobs.requireOpen();
        List<JobStatus> all = new ArrayList<>();
        for (CachedJob job : jobs.all()) {
            JobStatus status = jobs.statusUnlessVanished(job);
            if (status != null) {
                all.add(status);
            }
        }
        return all;
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        jobs.requireOpen();
        return reader.read(requests, byteBudget, waitMillis);
    }

    /**
     * For a caller on this machine, not part of the protocol: copies {@code [from, to)} of a job's
     * stream, or as much of it as exists, into {@code target} at its position, file to file where
     * the OS can. The copy reads nothing but that stream of that job, and has no side effect on the
     * job: consuming is still a {@link #commit}. Returns the bytes copied (none of a released job).
     *
     * @throws JobCacheException for an unknown job or a bad range
     */
    public long copyOutput(String instanceId, StreamName stream, long from, long to, WritableByteChannel target)
            throws IOException {
        return reader.copy(jobs.job(instanceId), stream, from, to, target);
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        CachedJob job = jobs.job(instanceId);
        if (expected < 0 || to < expected) {
            throw new JobCacheException(Kind.BAD_REQUEST, "commit range " + expected + ".." + to + " is invalid");
        }
        synchronized (job) {
            jobs.requireStillCached(job);
            return job.claim(stream, expected, to);
        }
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        CachedJob job = jobs.job(instanceId);
        requestStop(job, AgentJobState.STOPPED, "stopped by request");
        return job.status();
    }

    private void requestStop(CachedJob job, AgentJobState resultingState, String reason) throws IOException {
        JobProcess process;
        synchronized (job) {
            jobs.requireStillCached(job);
            if (job.status().state().isFinished()) {
                return;
            }
            // Recorded before any signal: an agent that dies in between re-arms it when it starts.
            Properties stop = new Properties();
            stop.setProperty("state", resultingState.name());
            stop.setProperty("reason", reason);
            AtomicFiles.writeProperties(job.files.stopRequest(), stop);
            job.requestedStop(stop);
            process = job.process();
        }
        events.changed(job.instanceId);
        if (process != null) {
            stops.signal(job, process);
        }
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        CachedJob job = jobs.job(instanceId);
        synchronized (job) {
            jobs.requireStillCached(job);
            JobStatus last = job.status();
            if (!isOver(last)) {
                throw new JobCacheException(Kind.RUNNING, "job " + instanceId + " is still running");
            }
            if (!last.released()) {
                job.shrinkToTombstone(last);
                events.unwatch(instanceId);
            }
            return job.status();
        }
    }

    @Override
    public void remove(String instanceId, boolean force) throws IOException {
        JobIds.requireValid(instanceId);
        CachedJob job = jobs.get(instanceId);
        if (job == null) {
            return;
        }
        synchronized (job) {
            JobProcess process = job.process();
            boolean alive = process != null && process.mayStillEnd();
            if (alive && !force && !isOver(job.status())) {
                throw new JobCacheException(
                        Kind.RUNNING,
                        "job " + instanceId + " is still running: stop it first, or remove it with force");
            }
            if (alive && force) {
                ProcessGroupSignals.kill(process, process.treeNow());
            }
            jobs.remove(instanceId);
            // The supervisor of a job just killed may still be writing its exit there.
            AtomicFiles.deleteTreeWhileWritten(job.dir());
        }
        events.forget(instanceId);
    }

    /**
     * Over: finished and final ({@link JobStatus#endedAt} set). A job whose wrapper has recorded
     * its exit status is over, even in the moment the wrapper takes to exit after that; a stopped
     * one only once its processes are gone.
     */
    private static boolean isOver(JobStatus status) {
        return status.state().isFinished() && status.endedAt() > 0;
    }

    /** Releases the lock. Running jobs go on: they do not belong to this JVM. */
    @Override
    public void close() {
        jobs.close();
        starter.close();
        stops.close();
        events.close();
        lock.close();
    }
}
