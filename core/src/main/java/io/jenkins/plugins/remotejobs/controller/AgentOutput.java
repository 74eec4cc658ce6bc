package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Receipt;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Agent mode: the output and its cursors are on the agent, which must be reachable; only a job over
 * whose every byte was consumed is answered from the table.
 */
final class AgentOutput implements OutputSource {
    private final JobManager manager;
    private final JobRecord job;
    /** What the last {@link #pending} read said of the job, for the commits that follow. */
    private volatile JobStatus seen;

    AgentOutput(JobManager manager, JobRecord job) {
        this.manager = manager;
        this.job = job;
    }

    private AgentProtocol agent() {
        Optional<AgentProtocol> agent = manager.directory().connect(job.node());
        return agent.orElseThrow(() -> unreachable(null));
    }

    private JobException unreachable(IOException cause) {
        if (cause instanceof JobCacheException missing
                && missing.kind() == JobCacheException.Kind.NO_SUCH_JOB
                && (manager.table().get(job.id()).isEmpty() || manager.control().isBeingRemoved(job.id()))) {
            return new JobException("job " + job.id() + " was removed while it was received");
        }
        if (cause instanceof JobCacheException refused) {
            // It answered: saying it is unreachable would send the user looking in the wrong place.
            return new JobException("agent " + job.node() + " could not serve job " + job.id() + " ('" + job.name()
                    + "'), which keeps its output there: " + refused.getMessage());
        }
        return new AgentUnreachableException("agent " + job.node() + " is unreachable, and job " + job.id()
                + " ('" + job.name() + "') keeps its output there"
                + (cause == null ? "" : " (" + cause.getMessage() + ")"));
    }

    @Override
    public long[] range(StreamName stream) {
        try {
            JobStatus s = agent().status(job.instanceId());
            manager.recorder().applyStatus(job, s, null);
            return new long[] {s.cursor(stream), s.length(stream)};
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * One read for every stream: its status gives the ranges (status before bytes, so a
     * finished status counts only readable bytes), its chunks the first bytes of them. It reads
     * from the cursors the table knows, which only ever trail the agent's.
     */
    @Override
    public List<Pending> pending(List<StreamName> streams, long[] notBefore, int headBytes, boolean consuming) {
        JobRecord now = manager.table().get(job.id()).orElse(job);
        if (nothingLeft(now, streams)) {
            List<Pending> none = new ArrayList<>();
            streams.forEach(s -> none.add(new Pending(s, now.length(s), now.length(s), NO_BYTES)));
            return none;
        }
        List<ReadRequest> requests = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            long offset = Math.max(now.consumed(streams.get(i)), notBefore[i]);
            requests.add(new ReadRequest(job.instanceId(), streams.get(i), offset, headBytes, null));
        }
        ReadResult result;
        try {
            result = agent().read(requests, headBytes, 0);
        } catch (IOException e) {
            throw unreachable(e);
        }
        JobStatus status = result.statuses().stream()
                .filter(st -> st.instanceId().equals(job.instanceId()))
                .findFirst()
                .orElseThrow(() -> unreachable(new JobCacheException(
                        JobCacheException.Kind.NO_SUCH_JOB, "no job " + job.instanceId() + " in the job cache")));
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            StreamName stream = streams.get(i);
            long from = Math.max(status.cursor(stream), notBefore[i]);
            long to = Math.max(from, status.length(stream));
            pending.add(new Pending(stream, from, to, head(result, requests.get(i), from, to)));
        }
        seen = status;
        if (!consuming || pending.stream().allMatch(p -> p.from() == p.to())) {
            manager.recorder().applyStatus(job, status, null, false); // no commit follows to record it
        }
        return pending;
    }

    /** A job over whose every byte was consumed: the table's lengths are final, and cursors only grow. */
    private static boolean nothingLeft(JobRecord r, List<StreamName> streams) {
        return r.state().isFinished() && streams.stream().allMatch(s -> r.consumed(s) >= r.length(s));
    }

    @Override
    public boolean answersLocally(List<StreamName> streams) {
        return nothingLeft(manager.table().get(job.id()).orElse(job), streams);
    }

    /** The bytes of {@code [from, to)} that came with the read: only those asked for, as a reply is not trusted. */
    private byte[] head(ReadResult result, ReadRequest asked, long from, long to) {
        for (Chunk c : result.chunks()) {
            if (c.instanceId().equals(job.instanceId())
                    && c.stream() == asked.stream()
                    && c.offset() == asked.offset()) {
                long skip = from - c.offset();
                long end = Math.min(Math.min(c.data().length, asked.maxBytes()), to - c.offset());
                if (skip < 0 || skip >= end) {
                    return NO_BYTES;
                }
                return skip == 0 && end == c.data().length
                        ? c.data() // as it came: no copy of what is usually a whole read
                        : java.util.Arrays.copyOfRange(c.data(), (int) skip, (int) end);
            }
        }
        return NO_BYTES;
    }

    @Override
    public byte[] read(StreamName stream, long offset, int max) {
        try {
            List<Chunk> chunks = agent().read(
                            List.of(new ReadRequest(job.instanceId(), stream, offset, max, null)), max, 0)
                    .chunks();
            // Only the bytes asked for, of this job and stream, from this offset: a reply is not trusted.
            for (Chunk c : chunks) {
                if (c.instanceId().equals(job.instanceId()) && c.stream() == stream && c.offset() == offset) {
                    return c.data().length <= max ? c.data() : java.util.Arrays.copyOf(c.data(), max);
                }
            }
            return new byte[0];
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public long copyInto(Workspace.PendingFile file, StreamName stream, long from, long to) throws IOException {
        long copied;
        try {
            copied = file.appendOutput(job.instanceId(), stream, from, to);
        } catch (JobCacheException e) {
            throw unreachable(e);
        } catch (IOException e) {
            // An agent gone away fails the copy as it fails a read: a waiting receive rides it
            // out. Any other failure is the file's, reported as a failure to write it is.
            if (manager.directory().connect(job.node()).isEmpty()) {
                throw unreachable(e);
            }
            throw e;
        }
        // Only what was asked: a reply is not trusted.
        if (copied < 0 || copied > to - from) {
            throw new JobException("agent " + job.node() + " reported copying " + copied + " bytes of job " + job.id()
                    + " where at most " + (to - from) + " were asked for; nothing was consumed");
        }
        return copied;
    }

    @Override
    public boolean commit(StreamName stream, long expected, long to, String callId) {
        Optional<Receipt[]> receipt = callId == null ? Optional.empty() : receiptFirst(stream, expected, to, callId);
        CommitResult result;
        try {
            result = agent().commit(job.instanceId(), stream, expected, to);
        } catch (JobCacheException e) {
            throw unreachable(e);
        } catch (IOException lost) {
            result = afterLostReply(stream, expected, to, lost);
        }
        long cursor = result.cursor();
        JobStatus status = seen;
        if (status != null) {
            // The one table write of the piece: what the read said, with the cursor as it is now.
            manager.recorder().applyStatus(job, status.withCursor(stream, cursor), null, true);
        } else {
            manager.table().update(job.id(), r -> r.with(b -> b.consumed(stream, cursor)), true);
        }
        if (!result.committed()) {
            receipt.ifPresent(this::takeBack);
        }
        return result.committed();
    }

    /**
     * Records on the controller's disk that {@code callId} consumes {@code [expected, to)}, before
     * the agent is asked to: the agent's cursor is synced there as it moves, and a crash that lost
     * this call's result must still find what it took. A receipt the agent never applied is not
     * replayed (its cursor says). A disk that refuses the sync is said by the sync before the
     * output is handed out. Returns the receipt before and the one recorded.
     */
    private Optional<Receipt[]> receiptFirst(StreamName stream, long expected, long to, String callId) {
        Receipt[] change = new Receipt[2];
        manager.table()
                .update(
                        job.id(),
                        r -> {
                            change[0] = r.receipt();
                            change[1] = Receipt.after(r.receipt(), callId, stream, expected, to);
                            return r.with(b -> b.receipt = change[1]);
                        },
                        true);
        try {
            manager.table().sync();
        } catch (IOException e) {
            // Said in the build log by the sync before the output is handed out, which fails too.
        }
        return change[1] == null ? Optional.empty() : Optional.of(change);
    }

    /** A commit another receive won: its receipt is not this call's, so the earlier one stands again. */
    private void takeBack(Receipt[] change) {
        manager.table()
                .update(job.id(), r -> change[1].equals(r.receipt()) ? r.with(b -> b.receipt = change[0]) : r, true);
    }

    /**
     * The agent may have applied a commit whose reply was lost: its cursor says, once it answers
     * again (within the reconnect grace). At {@code to}, the commit was applied; still at {@code
     * expected}, it was not, and is sent again (a compare-and-set, so that is safe); anywhere
     * else, another receive moved it. Never guessed: with no answer, the step says it is not known.
     */
    private CommitResult afterLostReply(StreamName stream, long expected, long to, IOException lost) {
        long deadline = System.nanoTime() + manager.limits().reconnectGrace().toNanos();
        IOException last = lost;
        long pause = 50;
        try {
            while (System.nanoTime() - deadline < 0) {
                if (manager.isClosed()) {
                    // The host stops (in Jenkins a restart closes the channels first): not a failure.
                    // The step runs again after the restart, and by its receipt and the agent's
                    // cursor it is handed what this consume took, or takes it then.
                    throw new JobManagerClosedException();
                }
                long seen = manager.events().generation();
                Optional<AgentProtocol> agent = manager.agentWaits().await(job.node(), deadline);
                if (agent.isEmpty()) {
                    break;
                }
                try {
                    long cursor = agent.get().status(job.instanceId()).cursor(stream);
                    return cursor == expected
                            ? agent.get().commit(job.instanceId(), stream, expected, to)
                            : new CommitResult(cursor == to, cursor);
                } catch (JobCacheException e) {
                    throw unreachable(e);
                } catch (IOException again) {
                    last = again;
                }
                // Connected, yet not answering: ask again on the next event, or after a pause.
                manager.events().await(seen, pause);
                pause = Math.min(2_000, pause * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (manager.isClosed()) {
            throw new JobManagerClosedException();
        }
        throw new JobException("the answer of agent " + job.node() + " to consuming output of job " + job.id()
                + " ('" + job.name() + "') was lost (" + last.getMessage() + "), and the agent did not answer"
                + " again within the reconnect grace: whether that output was consumed there is not known");
    }
}
