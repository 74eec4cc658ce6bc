package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException.Kind;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A job cache's jobs by instance id, and the rules every lookup follows: a closed cache answers
 * nothing; a job whose directory was deleted behind the cache's back is forgotten, as if unknown; a
 * job removed while an operation waited for its lock is not acted on. Thread-safe.
 */
final class CachedJobs implements OutputReader.Jobs {

    private final Path root;
    private final JobEvents events;
    private final Map<String, CachedJob> jobs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CachedJobs(Path root, JobEvents events) {
        this.root = root;
        this.events = events;
    }

    @Override
    public CachedJob get(String instanceId) {
        return jobs.get(instanceId);
    }

    void put(CachedJob job) {
        jobs.put(job.instanceId, job);
    }

    void remove(String instanceId) {
        jobs.remove(instanceId);
    }

    Collection<CachedJob> all() {
        return jobs.values();
    }

    /**
     * The job the protocol names.
     *
     * @throws JobCacheException for an invalid id or an unknown job
     * @throws IOException when the cache is closed
     */
    CachedJob job(String instanceId) throws IOException {
        requireOpen();
        CachedJob job = jobs.get(JobIds.requireValid(instanceId));
        if (job != null && forgetIfVanished(job)) {
            job = null;
        }
        if (job == null) {
            throw new JobCacheException(Kind.NO_SUCH_JOB, "no job " + instanceId + " in the job cache at " + root);
        }
        return job;
    }

    /**
     * The job's status, or {@code null} when its directory was deleted behind this cache's back (by
     * hand, by a disk cleaner): the job is then forgotten, as if unknown, so that the controller
     * learns this cache no longer has it instead of taking the failure for an unreachable agent.
     */
    @Override
    public JobStatus statusUnlessVanished(CachedJob job) throws IOException {
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
    void requireStillCached(CachedJob job) throws JobCacheException {
        if (jobs.get(job.instanceId) != job) {
            throw new JobCacheException(Kind.NO_SUCH_JOB, "no job " + job.instanceId + " in the job cache at " + root);
        }
    }

    /**
     * A closed cache answers nothing, as an agent that went away: a caller still holding it (a
     * collection round begun before a reconnect) must not settle a job's end from what this
     * instance knows, which misses what a newer one recorded, such as a stop.
     */
    void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the job cache at " + root + " is closed");
        }
    }

    void close() {
        closed = true;
    }
}
