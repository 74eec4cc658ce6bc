package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent side of the engine: a directory of jobs that run detached from this JVM. Everything it
 * knows it rebuilds from the directory when opened, so an agent restart loses nothing; one process
 * owns a root at a time (an OS file lock). Thread-safe.
 */
public final class JobCache implements AgentProtocol, AutoCloseable {

    /** Reads that wait never wait longer than this, whatever the caller asks. */
    static final long MAX_WAIT_MILLIS = 30_000;
    /**
     * How long a waiting read that found a little new output waits for more (or for the job's end)
     * before it answers: a short server-side wait that turns a trickle into fewer, larger replies.
     */
    static final long LINGER_MILLIS = 5;

    /** A timeout beyond this (about 292 years) is as good as none; the timer never wraps around. */
    private static final long MAX_TIMER_MILLIS = Long.MAX_VALUE / 4;

    private final Path root;
    private final CacheLock lock;
    private final Duration stopGrace;
    private final Map<String, CachedJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, Object> launching = new ConcurrentHashMap<>();
    private final JobEvents events = JobEvents.open();
    private final ScheduledExecutorService timers;
    private final JobLauncher launcher;

    private JobCache(Path root, CacheLock lock, Duration stopGrace) {
        this.root = root;
        this.lock = lock;
        this.stopGrace = stopGrace;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "remote-jobs-cache-timers");
            t.setDaemon(true);
            return t;
        });
        this.launcher = new JobLauncher(events);
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
        Path dir = Files.createDirectories(root).toRealPath();
        CacheLock lock = CacheLock.acquire(dir);
        JobCache cache = new JobCache(dir, lock, stopGrace);
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
                    jobs.put(job.instanceId, job);
                    events.watch(job.instanceId, dir);
                    if (job.process() != null && job.end() == null) {
                        // Not this JVM's child: its exit sends no event, so waits on it re-check.
                        events.pollWhileRunning(job.instanceId);
                    }
                    armTimeout(job);
                }
            }
        }
    }

    @Override
    public JobStatus launch(LaunchRequest request) throws IOException {
        String id = JobIds.requireValid(request.instanceId());
        // One launch per instance id at a time; launches of different jobs overlap (each spends most
        // of its time waiting for its process to start).
        Object lock = launching.computeIfAbsent(id, k -> new Object());
        try {
            synchronized (lock) {
                CachedJob existing = jobs.get(id);
                if (existing != null) {
                    return existing.status();
                }
                CachedJob job = launcher.launch(JobFiles.of(root, id), request);
                jobs.put(id, job);
                events.watch(id, job.dir());
                armTimeout(job);
            }
        } finally {
            launching.remove(id, lock);
        }
        events.changed(id);
        return jobs.get(id).status();
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        return job(instanceId).status();
    }

    @Override
    public List<JobStatus> list() throws IOException {
        List<JobStatus> all = new ArrayList<>();
        for (CachedJob job : jobs.values()) {
            JobStatus status = statusUnlessVanished(job);
            if (status != null) {
                all.add(status);
            }
        }
        return all;
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        for (ReadRequest r : requests) {
            JobIds.requireValid(r.instanceId());
            if (r.offset() < 0 || r.maxBytes() < 0) {
                throw new JobCacheException(Kind.BAD_REQUEST, "offset and maxBytes must not be negative");
            }
            if (r.stream() == null) {
                throw new JobCacheException(Kind.BAD_REQUEST, "a read must name its stream, stdout or stderr");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, MAX_WAIT_MILLIS));
        int budget = Math.max(0, byteBudget);
        List<String> ids =
                requests.stream().map(ReadRequest::instanceId).distinct().toList();
        long began = events.begin();
        try {
            boolean lingered = waitMillis <= 0;
            while (true) {
                long seen = events.generation();
                ReadResult result = readNow(requests, budget);
                long left = deadline - System.nanoTime();
                boolean output = !result.chunks().isEmpty();
                if (left <= 0 || anyStateChanged(requests, result) || (output && (lingered || full(result, budget)))) {
                    return result;
                }
                if (output) {
                    // Some output, short of the budget: give the job a moment to write more or to end.
                    lingered = true;
                    left = Math.min(left, TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
                }
                // Launches, stops, exits and every write to a job's files are events: no timer re-checks.
                events.await(ids, seen, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return readNow(requests, budget);
        } finally {
            events.end(began);
        }
    }

    private static boolean full(ReadResult result, int budget) {
        long bytes = 0;
        for (Chunk c : result.chunks()) {
            bytes += c.data().length;
        }
        return bytes >= budget;
    }

    private ReadResult readNow(List<ReadRequest> requests, int budget) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        Map<String, JobStatus> statuses = new LinkedHashMap<>();
        int left = budget;
        for (ReadRequest r : requests) {
            CachedJob job = jobs.get(r.instanceId());
            if (job == null) {
                continue;
            }
            // Status before bytes: a finished status then guarantees every byte it counts is readable.
            JobStatus status = statuses.get(r.instanceId());
            if (status == null) {
                status = statusUnlessVanished(job);
                if (status == null) {
                    continue; // left out of the statuses, as an unknown job is
                }
                statuses.put(r.instanceId(), status);
            }
            int want =
                    (int) Math.min(Math.min(r.maxBytes(), left), Math.max(0, status.length(r.stream()) - r.offset()));
            if (want > 0 && !status.released()) {
                byte[] data = readBytes(job.files.output(r.stream()), r.offset(), want);
                if (data.length > 0) {
                    chunks.add(new Chunk(r.instanceId(), r.stream(), r.offset(), data));
                    left -= data.length;
                }
            }
        }
        return new ReadResult(chunks, new ArrayList<>(statuses.values()));
    }

    private static byte[] readBytes(Path file, long offset, int want) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(want);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                pos += n;
            }
            return buf.position() == want ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /**
     * Whether a job changed from what the caller knew: its state, or, for a status-only request
     * ({@code maxBytes == 0}), its length beyond {@code offset}.
     */
    private static boolean anyStateChanged(List<ReadRequest> requests, ReadResult result) {
        for (ReadRequest r : requests) {
            for (JobStatus s : result.statuses()) {
                if (!s.instanceId().equals(r.instanceId())) {
                    continue;
                }
                if (r.knownState() != null && s.state() != r.knownState()) {
                    return true;
                }
                if (r.maxBytes() == 0 && s.length(r.stream()) > r.offset()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        CachedJob job = job(instanceId);
        if (expected < 0 || to < expected) {
            throw new JobCacheException(Kind.BAD_REQUEST, "commit range " + expected + ".." + to + " is invalid");
        }
        synchronized (job) {
            requireStillCached(job);
            long cursor = job.cursor(stream);
            // Strictly compare-and-set: "already at or beyond to" may be another consumer's claim.
            if (cursor != expected) {
                return new CommitResult(false, cursor);
            }
            long length = job.status().length(stream);
            if (to > length) {
                throw new JobCacheException(
                        Kind.BAD_REQUEST,
                        "cannot consume " + stream.label() + " up to " + to + ": only " + length + " bytes exist");
            }
            try {
                job.setCursor(stream, to);
            } catch (IOException e) {
                throw new JobCacheException(
                        Kind.STORAGE,
                        "cannot record that " + stream.label() + " of job " + instanceId + " was received up to " + to
                                + " (" + e.getMessage() + "); nothing was consumed");
            }
            return new CommitResult(true, to);
        }
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        CachedJob job = job(instanceId);
        requestStop(job, AgentJobState.STOPPED, "stopped by request");
        return job.status();
    }

    private void requestStop(CachedJob job, AgentJobState resultingState, String reason) throws IOException {
        JobProcess process;
        synchronized (job) {
            requireStillCached(job);
            if (job.status().state().isFinished()) {
                return;
            }
            Properties stop = new Properties();
            stop.setProperty("state", resultingState.name());
            stop.setProperty("reason", reason);
            AtomicFiles.writeProperties(job.files.stopRequest(), stop);
            job.requestedStop(stop);
            process = job.process();
        }
        events.changed(job.instanceId);
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.treeNow();
        ProcessGroupSignals.terminate(process, tree);
        timers.schedule(
                () -> {
                    ProcessGroupSignals.kill(process, tree);
                    events.changed(job.instanceId);
                },
                stopGrace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void armTimeout(CachedJob job) {
        long timeout = job.timeoutSeconds();
        if (timeout <= 0) {
            return;
        }
        // Saturating: a timeout of years (any long a caller sends) must not wrap around to "now".
        long elapsed = System.currentTimeMillis() - job.startedAt();
        long delay = Math.min(TimeUnit.SECONDS.toMillis(timeout), MAX_TIMER_MILLIS) - elapsed;
        timers.schedule(
                () -> {
                    try {
                        requestStop(job, AgentJobState.FAILED, "timed out after " + timeout + " s");
                    } catch (IOException e) {
                        // The job stays running; a later status read reports what the files say.
                    }
                },
                Math.max(0, delay),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        CachedJob job = job(instanceId);
        synchronized (job) {
            requireStillCached(job);
            JobStatus last = job.status();
            if (!last.state().isFinished()
                    || (job.process() != null && job.process().isAlive())) {
                throw new JobCacheException(Kind.RUNNING, "job " + instanceId + " is still running");
            }
            if (!last.released()) {
                markReleased(job, last);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(job.dir())) {
                    for (Path p : entries) {
                        if (!JobFiles.TOMBSTONE.contains(p.getFileName().toString())) {
                            AtomicFiles.deleteTree(p);
                        }
                    }
                }
                events.unwatch(instanceId);
            }
            return job.status();
        }
    }

    /**
     * Writes the tombstone before anything is deleted, so that a crash in between leaves a job that
     * is still whole. On a disk too full to write it, the output (what the tombstone stands for, and
     * usually what filled the disk) goes first; the files the job's state is worked out from stay.
     */
    private static void markReleased(CachedJob job, JobStatus last) throws IOException {
        try {
            job.markReleased(last);
            return;
        } catch (IOException full) {
            for (StreamName stream : StreamName.values()) {
                Files.deleteIfExists(job.files.output(stream));
            }
            AtomicFiles.deleteTree(job.files.work());
        }
        try {
            job.markReleased(last);
        } catch (IOException e) {
            throw new JobCacheException(
                    Kind.STORAGE, "cannot record that job " + job.instanceId + " was released: " + e.getMessage());
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
            boolean alive = process != null && process.isAlive();
            if (alive && !force) {
                throw new JobCacheException(
                        Kind.RUNNING,
                        "job " + instanceId + " is still running: stop it first, or remove it with force");
            }
            if (alive) {
                ProcessGroupSignals.kill(process, process.treeNow());
            }
            jobs.remove(instanceId);
            AtomicFiles.deleteTree(job.dir());
        }
        events.forget(instanceId);
    }

    /**
     * The job's status, or {@code null} when its directory was deleted behind this cache's back (by
     * hand, by a disk cleaner): the job is then forgotten, as if unknown, so that the controller
     * learns this cache no longer has it instead of taking the failure for an unreachable agent.
     */
    private JobStatus statusUnlessVanished(CachedJob job) throws IOException {
        if (forgetIfVanished(job)) {
            return null;
        }
        try {
            return job.status();
        } catch (IOException e) {
            if (forgetIfVanished(job)) {
                return null;
            }
            throw e;
        }
    }

    private boolean forgetIfVanished(CachedJob job) {
        if (Files.isDirectory(job.dir())) {
            return false;
        }
        if (jobs.remove(job.instanceId, job)) {
            events.forget(job.instanceId);
        }
        return true;
    }

    /**
     * Inside a job's lock: a remove that held the lock first has deleted the job, so an operation
     * that looked it up before must not act on its files; it gets what an unknown job gets.
     */
    private void requireStillCached(CachedJob job) throws JobCacheException {
        if (jobs.get(job.instanceId) != job) {
            throw new JobCacheException(Kind.NO_SUCH_JOB, "no job " + job.instanceId + " in the job cache at " + root);
        }
    }

    private CachedJob job(String instanceId) throws JobCacheException {
        CachedJob job = jobs.get(JobIds.requireValid(instanceId));
        if (job != null && forgetIfVanished(job)) {
            job = null;
        }
        if (job == null) {
            throw new JobCacheException(Kind.NO_SUCH_JOB, "no job " + instanceId + " in the job cache at " + root);
        }
        return job;
    }

    /** Releases the lock. Running jobs go on: they do not belong to this JVM. */
    @Override
    public void close() {
        timers.shutdownNow();
        events.close();
        lock.close();
    }
}
