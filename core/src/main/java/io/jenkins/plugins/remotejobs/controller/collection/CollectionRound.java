package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
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

/**
 * One round of collection with one agent, for its {@link NodeMonitor}: a single {@link
 * AgentProtocol#read} asks for the new output of the node's controller-mode jobs and the status of
 * all its unfinished ones, waiting on the agent side when nothing is new; then the output is
 * spooled, states move on, and a job whose output is all in the spool finishes collection (final
 * state recorded, spool synced, agent copy released, then marked collected). Used by one monitor
 * at a time.
 */
public final class CollectionRound {

    private final NodeMonitors monitors;
    private final SpoolWriter writer;
    /** Set during a round that found a finished job whose processes had not all exited yet. */
    private boolean settling;
    /** Set during a round that finished a job's collection. */
    private boolean finishedOne;

    CollectionRound(NodeMonitors monitors, SpoolWriter writer) {
        this.monitors = monitors;
        this.writer = writer;
    }

    /**
     * What a round found: output arrived (look again at once), a finished job's processes are still
     * ending (look again soon), a job's collection finished (look again at once at what is left).
     */
    record Outcome(boolean gotOutput, boolean settling, boolean finishedOne) {}

    /** One call to the agent and what follows from it. */
    Outcome run(AgentProtocol agent, List<JobRecord> watched, long waitMillis) throws IOException {
        settling = false;
        finishedOne = false;
        Spool spool = monitors.spool;
        int budget = monitors.limits.get().readBudgetBytes();
        List<ReadRequest> requests = new ArrayList<>();
        Map<String, Integer> asked = new HashMap<>();
        Map<String, JobRecord> byInstance = new HashMap<>();
        for (JobRecord job : watched) {
            byInstance.put(job.instanceId(), job);
            AgentJobState known = agentState(job);
            for (StreamName stream : StreamName.values()) {
                long spooled = collecting(job) ? spool.length(job.instanceId(), stream) : 0;
                int room =
                        (int) Math.max(0, Math.min(budget, monitors.limits.get().spoolCapBytes() - spooled));
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
        Map<String, String> failed = writer.write(spool, result.chunks(), asked, monitors.table);
        Map<String, JobStatus> statuses = new HashMap<>();
        result.statuses().forEach(s -> statuses.put(s.instanceId(), s));
        for (JobRecord job : watched) {
            if (removedOnPurpose(job)) {
                continue; // removed while this round was in flight
            }
            JobStatus status = statuses.get(job.instanceId());
            if (status == null) {
                monitors.recorder.markMissing(job);
            } else {
                apply(agent, job, status, failed.get(job.instanceId()));
            }
        }
        return new Outcome(gotOutput && failed.isEmpty(), settling, finishedOne);
    }

    private void apply(AgentProtocol agent, JobRecord job, JobStatus status, String pausedNote) throws IOException {
        // A stop or timeout is reported at once, with endedAt 0 until the job's processes are gone.
        settling |= status.state().isFinished() && status.endedAt() <= 0;
        if (!collecting(job)) {
            monitors.recorder.applyStatus(job, status, null);
            return;
        }
        Spool spool = monitors.spool;
        long cap = monitors.limits.get().spoolCapBytes();
        boolean truncated = false;
        boolean complete = status.state().isFinished() && status.endedAt() > 0;
        for (StreamName stream : StreamName.values()) {
            long target = Math.min(status.length(stream), cap);
            truncated |= status.length(stream) > cap;
            complete &= spool.length(job.instanceId(), stream) >= target;
        }
        if (truncated
                && monitors.limits.get().spoolCapPolicy() == Limits.SpoolCapPolicy.FAIL
                && !status.state().isFinished()) {
            agent.stop(job.instanceId());
        }
        if (!complete) {
            monitors.recorder.applyStatus(job, runningUntilCollected(status), pausedNote);
            return;
        }
        // Final for everyone now: the whole output is in the spool, which every reader reads
        // through the page cache, so waiters go on before the sync. The agent's copy is released
        // only once the spool is on the disk; after a machine crash before that, the manager
        // reopens such a job as Running and collects it again (JobManager#resume).
        monitors.recorder.finishCollection(job, status, truncated ? cap : -1);
        spool.sync(job.instanceId());
        Release release = status.released() ? Release.DONE : release(agent, job);
        if (release == Release.STILL_ENDING) {
            // A process of the job is still ending (a stop's stragglers): release it on a later round.
            settling = true;
            return;
        }
        if (release == Release.DONE) {
            monitors.recorder.markCollected(job);
        }
        finishedOne = true;
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
        return monitors.beingRemoved.test(job.id())
                || monitors.table.get(job.id()).isEmpty();
    }

    /**
     * A controller-mode job is reported Running until its output is all in the spool, so that
     * "finished" always means "everything can be received from the controller".
     */
    public static JobStatus runningUntilCollected(JobStatus s) {
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
