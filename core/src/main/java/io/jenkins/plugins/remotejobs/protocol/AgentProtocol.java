package io.jenkins.plugins.remotejobs.protocol;

import java.io.IOException;
import java.util.List;

/**
 * What the controller may ask of an agent's job cache; the only way in. Every transport (Jenkins
 * remoting, the local loopback transport) carries exactly these calls, with plain serializable values.
 *
 * <p>Contract shared by all operations: job ids are {@linkplain JobIds#requireValid validated}
 * before use and never used raw as paths; an unknown job is a {@link JobCacheException} of kind
 * {@link JobCacheException.Kind#NO_SUCH_JOB}; every operation stays inside the job's own directory.
 * An {@link IOException} that is not a {@code JobCacheException} means the agent could not be
 * reached or failed; the caller may retry any operation, since all of them are idempotent or free
 * of side effects.
 */
public interface AgentProtocol {

    /**
     * Starts a job, detached from the agent process. Idempotent: launching an instance id that
     * already exists (running, finished or released) starts nothing and returns its status, so a
     * retry after a lost reply never starts a job twice. A launch that fails (bad directory,
     * unknown shell, no disk space) still creates the job, in state {@link AgentJobState#FAILED}
     * with the reason, and returns that status.
     */
    JobStatus launch(LaunchRequest request) throws IOException;

    /** The current status of one job. */
    JobStatus status(String instanceId) throws IOException;

    /** Every job in this cache, in no particular order (PowerShell's {@code Get-Job} on the remote side). */
    List<JobStatus> list() throws IOException;

    /**
     * Reads output without side effects. Returns, within {@code byteBudget} bytes in all, the bytes
     * each request asks for that exist now, and the status of every job named. When none of the
     * requests has a byte to return and no named job has changed state since the request was built
     * ({@link ReadRequest#knownState}), waits up to {@code waitMillis} for one of them to do so.
     * An unknown job is left out of the statuses, so one removed job never fails a batch.
     */
    ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException;

    /**
     * Advances the consume cursor of one stream from {@code expected} to {@code to}: a compare and
     * set, so that of concurrent consumers that read the same bytes exactly one claims them. It
     * succeeds only when the cursor stands at {@code expected}; when it stands anywhere else (even at
     * or beyond {@code to}: another consumer got there first) it changes nothing and says where the
     * cursor is. So a commit is not blindly retried: a caller that lost the reply cannot tell its own
     * success from another consumer's, and must treat the range as possibly consumed (at most once).
     * {@code to} beyond the stream's length is refused.
     */
    CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException;

    /**
     * Stops a running job: TERM to its process group and to the descendants it has now, KILL after
     * the grace period. Its state becomes {@link AgentJobState#STOPPED} at once, with {@link
     * JobStatus#endedAt} 0 until its processes have exited (only then is its output final). A finished job is
     * left as it is. Returns the status after the request.
     */
    JobStatus stop(String instanceId) throws IOException;

    /**
     * Deletes the job's output and keeps a small tombstone (final lengths, exit status), so that a
     * late launch retry does not start it again. Used once the controller holds the output. Refused
     * for a running job.
     */
    JobStatus release(String instanceId) throws IOException;

    /**
     * Deletes the job's directory. A running job is refused ({@link JobCacheException.Kind#RUNNING})
     * unless {@code force}, which stops it first. Removing an unknown job succeeds (idempotent).
     */
    void remove(String instanceId, boolean force) throws IOException;
}
