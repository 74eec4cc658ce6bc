package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P7's stand-in for an agent, in the controller's JVM, behind the agent protocol: it keeps its
 * jobs in memory and starts no process, so that hundreds of agents with thousands of jobs fit on
 * this machine and every thread and byte of heap the benchmark sees is the controller's. It
 * answers as a job cache does (a read waits on the caller's thread for news, up to its wait), and
 * every job runs until {@link #finishAll} ends it with {@link #OUTPUT} on stdout.
 */
final class SimulatedAgent implements AgentProtocol {

    static final byte[] OUTPUT = "done\n".getBytes(StandardCharsets.US_ASCII);

    private final Signal changed = new Signal();
    private final Map<String, Job> jobs = new HashMap<>();

    private static final class Job {
        final LaunchRequest request;
        final long startedAt = System.currentTimeMillis();
        AgentJobState state = AgentJobState.RUNNING;
        long endedAt;
        final long[] cursors = new long[StreamName.values().length];
        boolean released;

        Job(LaunchRequest request) {
            this.request = request;
        }

        byte[] output(StreamName stream) {
            return state == AgentJobState.RUNNING || released || stream != StreamName.STDOUT ? new byte[0] : OUTPUT;
        }

        JobStatus status() {
            boolean ended = state != AgentJobState.RUNNING;
            return new JobStatus(
                    request.instanceId(),
                    request.name(),
                    request.script(),
                    state,
                    ended ? 0 : null,
                    null,
                    output(StreamName.STDOUT).length + (released ? OUTPUT.length : 0),
                    0,
                    cursors[StreamName.STDOUT.ordinal()],
                    cursors[StreamName.STDERR.ordinal()],
                    request.keepOnAgent(),
                    released,
                    "UTF-8",
                    startedAt,
                    endedAt);
        }
    }

    /** Ends every running job: Completed, exit code 0, {@link #OUTPUT} on stdout. */
    void finishAll() {
        synchronized (this) {
            long now = System.currentTimeMillis();
            for (Job job : jobs.values()) {
                if (job.state == AgentJobState.RUNNING) {
                    job.state = AgentJobState.COMPLETED;
                    job.endedAt = now;
                }
            }
        }
        changed.fire();
    }

    @Override
    public JobStatus launch(LaunchRequest request) {
        JobStatus status;
        synchronized (this) {
            status = jobs.computeIfAbsent(request.instanceId(), id -> new Job(request))
                    .status();
        }
        changed.fire();
        return status;
    }

    @Override
    public synchronized JobStatus status(String instanceId) throws IOException {
        return job(instanceId).status();
    }

    @Override
    public synchronized List<JobStatus> list() {
        return jobs.values().stream().map(Job::status).toList();
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            long seen = changed.generation();
            ReadResult result = readNow(requests, byteBudget);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (!result.chunks().isEmpty() || changedState(requests, result) || left <= 0) {
                return result;
            }
            try {
                changed.await(seen, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for output", e);
            }
        }
    }

    private synchronized ReadResult readNow(List<ReadRequest> requests, int byteBudget) {
        List<Chunk> chunks = new ArrayList<>();
        Map<String, JobStatus> statuses = new HashMap<>();
        int budget = byteBudget;
        for (ReadRequest r : requests) {
            Job job = jobs.get(r.instanceId());
            if (job == null) {
                continue;
            }
            statuses.computeIfAbsent(r.instanceId(), id -> job.status());
            byte[] out = job.output(r.stream());
            if (r.maxBytes() > 0 && r.offset() < out.length && budget > 0) {
                int n = (int) Math.min(Math.min(r.maxBytes(), budget), out.length - r.offset());
                chunks.add(new Chunk(
                        r.instanceId(),
                        r.stream(),
                        r.offset(),
                        Arrays.copyOfRange(out, (int) r.offset(), (int) r.offset() + n)));
                budget -= n;
            }
        }
        return new ReadResult(chunks, List.copyOf(statuses.values()));
    }

    private static boolean changedState(List<ReadRequest> requests, ReadResult result) {
        Map<String, AgentJobState> now = new HashMap<>();
        result.statuses().forEach(s -> now.put(s.instanceId(), s.state()));
        return requests.stream()
                .anyMatch(r -> now.containsKey(r.instanceId()) && now.get(r.instanceId()) != r.knownState());
    }

    @Override
    public synchronized CommitResult commit(String instanceId, StreamName stream, long expected, long to)
            throws IOException {
        Job job = job(instanceId);
        int i = stream.ordinal();
        if (job.cursors[i] != expected) {
            return new CommitResult(false, job.cursors[i]);
        }
        job.cursors[i] = to;
        return new CommitResult(true, to);
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        JobStatus status;
        synchronized (this) {
            Job job = job(instanceId);
            if (job.state == AgentJobState.RUNNING) {
                job.state = AgentJobState.STOPPED;
                job.endedAt = System.currentTimeMillis();
            }
            status = job.status();
        }
        changed.fire();
        return status;
    }

    @Override
    public synchronized JobStatus release(String instanceId) throws IOException {
        Job job = job(instanceId);
        if (job.state == AgentJobState.RUNNING) {
            throw new JobCacheException(JobCacheException.Kind.RUNNING, "job " + instanceId + " is running");
        }
        job.released = true;
        return job.status();
    }

    @Override
    public synchronized void remove(String instanceId, boolean force) {
        jobs.remove(instanceId);
    }

    private Job job(String instanceId) throws JobCacheException {
        Job job = jobs.get(instanceId);
        if (job == null) {
            throw new JobCacheException(JobCacheException.Kind.NO_SUCH_JOB, "no job " + instanceId);
        }
        return job;
    }
}
