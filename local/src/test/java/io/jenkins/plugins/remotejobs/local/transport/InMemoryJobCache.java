package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST FIXTURE, not a job cache: an {@link AgentProtocol} that keeps statuses in memory, runs
 * nothing and echoes read requests, so the transport can be exercised across real JVMs before the
 * real {@code JobCache} exists. Every call it receives is appended to {@code <root>/calls.log}, so a
 * test in another JVM can tell whether a call reached the cache at all.
 */
public final class InMemoryJobCache implements AgentProtocol, AutoCloseable {

    /** Asking for this job's status throws an exception class outside the controller's reply allow-list. */
    public static final String FOREIGN_EXCEPTION_ID = "00000000-0000-4000-8000-00000000dead";

    private final Path calls;
    private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();

    private InMemoryJobCache(Path root) {
        this.calls = root.resolve("calls.log");
    }

    public static InMemoryJobCache open(Path root) throws IOException {
        Files.createDirectories(root);
        InMemoryJobCache cache = new InMemoryJobCache(root);
        cache.record("open");
        return cache;
    }

    /** The calls recorded under {@code root}, one per line, oldest first. */
    public static List<String> calls(Path root) throws IOException {
        Path log = root.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public JobStatus launch(LaunchRequest request) throws IOException {
        record("launch " + request.instanceId());
        JobIds.requireValid(request.instanceId());
        return jobs.computeIfAbsent(request.instanceId(), id -> status(id, request.name(), AgentJobState.RUNNING));
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        record("status " + instanceId);
        if (FOREIGN_EXCEPTION_ID.equals(instanceId)) {
            throw new NotAllowedException();
        }
        return require(instanceId);
    }

    @Override
    public List<JobStatus> list() throws IOException {
        record("list");
        return new ArrayList<>(jobs.values());
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        record("read " + requests.size());
        List<Chunk> chunks = new ArrayList<>();
        List<JobStatus> statuses = new ArrayList<>();
        for (ReadRequest r : requests) {
            byte[] echo = ("echo " + r.instanceId() + " " + r.stream().label() + " @" + r.offset())
                    .getBytes(StandardCharsets.UTF_8);
            chunks.add(new Chunk(
                    r.instanceId(), r.stream(), r.offset(), Arrays.copyOf(echo, Math.min(echo.length, r.maxBytes()))));
            JobStatus s = jobs.get(r.instanceId());
            if (s != null) {
                statuses.add(s);
            }
        }
        return new ReadResult(chunks, statuses);
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        record("commit " + instanceId);
        require(instanceId);
        return new CommitResult(true, to);
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        record("stop " + instanceId);
        JobStatus s = require(instanceId);
        JobStatus stopped = status(instanceId, s.name(), AgentJobState.STOPPED);
        jobs.put(instanceId, stopped);
        return stopped;
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        record("release " + instanceId);
        return require(instanceId);
    }

    @Override
    public void remove(String instanceId, boolean force) throws IOException {
        record("remove " + instanceId);
        jobs.remove(instanceId);
    }

    @Override
    public void close() throws IOException {
        record("close");
    }

    private JobStatus require(String instanceId) throws JobCacheException {
        JobStatus s = jobs.get(JobIds.requireValid(instanceId));
        if (s == null) {
            throw new JobCacheException(JobCacheException.Kind.NO_SUCH_JOB, "no job " + instanceId);
        }
        return s;
    }

    private static JobStatus status(String id, String name, AgentJobState state) {
        return new JobStatus(
                id, name, "echo", state, null, null, 0, 0, 0, 0, false, false, "UTF-8", System.currentTimeMillis(), 0);
    }

    private synchronized void record(String call) throws IOException {
        Files.writeString(calls, call + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
