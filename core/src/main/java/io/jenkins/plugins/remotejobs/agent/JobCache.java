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
    private final InFlight inFlight;
    private final JobEvents events = JobEvents.open();
    private final CachedJobs jobs;
    private final JobLauncher launcher;
    private final JobStops stops;
    private final OutputReader reader;
    private final JobEndings endings;

    private final ProcessLauncher starter;

    private JobCache(Path root, CacheLock lock, Duration stopGrace, ProcessLauncher starter) {
        this.root = root;
        this.lock = lock;
        this.starter = starter;
        this.inFlight = new InFlight(root);
        this.launcher = new JobLauncher(starter);
        this.stops = new JobStops(stopGrace, events);
        this.jobs = new CachedJobs(root, events);
        this.reader = new OutputReader(jobs, events, inFlight);
        this.endings = new JobEndings(jobs, events, stops);
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
        // The lock first: an open that is refused (a reconnect retries while the previous
        // connection's cache closes) makes nothing that would need closing.
        CacheLock lock = CacheLock.acquire(dir);
        JobCache cache;
        try {
            cache = new JobCache(dir, lock, stopGrace, ProcessLauncher.named(launcher, dir, stopGrace));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
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
        try (InFlight.Operation op = inFlight.begin()) {
            return launchNow(request);
        }
    }

    private JobStatus launchNow(LaunchRequest request) throws IOException {
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

    /** The job itself, for this package's tests (which hold its lock to keep an operation under way). */
    CachedJob cachedJob(String instanceId) throws IOException {
        return jobs.job(instanceId);
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            return jobs.job(instanceId).status();
        }
    }

    @Override
    public List<JobStatus> list() throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            List<JobStatus> all = new ArrayList<>();
            for (CachedJob job : jobs.all()) {
                JobStatus status = jobs.statusUnlessVanished(job);
                if (status != null) {
                    all.add(status);
                }
            }
            return all;
        }
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            return reader.read(requests, byteBudget, waitMillis);
        }
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
        try (InFlight.Operation op = inFlight.begin()) {
            return reader.copy(jobs.job(instanceId), stream, from, to, target);
        }
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            CachedJob job = jobs.job(instanceId);
            if (expected < 0 || to < expected) {
                throw new JobCacheException(Kind.BAD_REQUEST, "commit range " + expected + ".." + to + " is invalid");
            }
            synchronized (job) {
                jobs.requireStillCached(job);
                return job.claim(stream, expected, to);
            }
        }
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            CachedJob job = jobs.job(instanceId);
            endings.stop(job, AgentJobState.STOPPED, "stopped by request");
            return job.status();
        }
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            return endings.release(jobs.job(instanceId));
        }
    }

    @Override
    public void remove(String instanceId, boolean force) throws IOException {
        try (InFlight.Operation op = inFlight.begin()) {
            endings.remove(JobIds.requireValid(instanceId), force);
        }
    }

    /**
     * Answers nothing more and releases the lock as soon as no operation under way can still write
     * to the root (a waiting read ends at once), so that the next owner rebuilds what this one
     * wrote; the rest of the clean-up comes after. Running jobs go on: they do not belong to this
     * JVM. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!inFlight.close()) {
            return;
        }
        jobs.close();
        events.close();
        try {
            inFlight.awaitNone();
        } finally {
            lock.close();
            stops.close();
            starter.close();
        }
    }
}
