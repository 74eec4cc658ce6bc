package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException.Kind;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.util.Properties;

/**
 * How a job cache ends its jobs: a stop (recorded, then signalled), a release (the job shrinks to
 * its tombstone once over) and a removal (its directory deleted, a running job only with force).
 * Each acts inside the job's lock and not at all on a job a removal took meanwhile.
 */
final class JobEndings {

    private final CachedJobs jobs;
    private final JobEvents events;
    private final JobStops stops;

    JobEndings(CachedJobs jobs, JobEvents events, JobStops stops) {
        this.jobs = jobs;
        this.events = events;
        this.stops = stops;
    }

    void stop(CachedJob job, AgentJobState resultingState, String reason) throws IOException {
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

    JobStatus release(CachedJob job) throws IOException {
        String instanceId = job.instanceId;
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

    void remove(String instanceId, boolean force) throws IOException {
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
}
