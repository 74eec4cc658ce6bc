package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException.Kind;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The job cache's batched read: the new bytes and the statuses of several jobs in one reply,
 * within a byte budget, optionally waiting for something to happen. Reading has no side effect.
 * Waiting is driven by the cache's events (launches, stops, exits, writes to a job's files), never
 * by a timer that re-checks.
 */
final class OutputReader {

    /** Reads that wait never wait longer than this, whatever the caller asks. */
    static final long MAX_WAIT_MILLIS = 30_000;
    /**
     * How long a waiting read that found a little new output waits for more (or for the job's end)
     * before it answers: a short server-side wait that turns a trickle into fewer, larger replies.
     */
    static final long LINGER_MILLIS = 5;

    /** How the reader finds a job and its status; a job whose directory vanished has none. */
    interface Jobs {
        CachedJob get(String instanceId);

        /** The job's status, or {@code null} when it is gone. */
        JobStatus statusUnlessVanished(CachedJob job) throws IOException;
    }

    private final Jobs jobs;
    private final JobEvents events;
    private final InFlight inFlight;

    OutputReader(Jobs jobs, JobEvents events, InFlight inFlight) {
        this.jobs = jobs;
        this.events = events;
        this.inFlight = inFlight;
    }

    ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
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
                long waitFor = TimeUnit.NANOSECONDS.toMillis(left) + 1;
                // Not counted as under way while it waits: closing the cache need not wait for it.
                inFlight.awayWhile(() -> events.await(ids, seen, waitFor));
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
                status = jobs.statusUnlessVanished(job);
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

    /**
     * Copies {@code [from, to)} of a job's stream, or as much of it as exists, into {@code target}
     * at the target's position, without the bytes passing through this JVM's heap where the OS can
     * copy file to file. Like a read, it stops at the stream's end and copies nothing of a released
     * job. Returns the bytes copied.
     */
    long copy(CachedJob job, StreamName stream, long from, long to, WritableByteChannel target) throws IOException {
        if (stream == null) {
            throw new JobCacheException(Kind.BAD_REQUEST, "a copy must name its stream, stdout or stderr");
        }
        if (from < 0 || to < from) {
            throw new JobCacheException(Kind.BAD_REQUEST, "copy range " + from + ".." + to + " is invalid");
        }
        // Status before bytes, as a read: a length it counts is readable.
        JobStatus status = jobs.statusUnlessVanished(job);
        if (status == null) {
            throw new JobCacheException(Kind.NO_SUCH_JOB, "no job " + job.instanceId + " in the job cache");
        }
        long end = Math.min(to, status.length(stream));
        if (status.released() || end <= from) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(job.files.output(stream), StandardOpenOption.READ)) {
            long pos = from;
            while (pos < end) {
                long n = ch.transferTo(pos, end - pos, target);
                if (n <= 0) {
                    break;
                }
                pos += n;
            }
            return pos - from;
        } catch (NoSuchFileException e) {
            return 0;
        }
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
}
