package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a job's output is read and consumed: the controller's spool (controller mode, cursors in
 * the job table) or the agent's cache (agent mode, cursors on the agent). Receiving works the same
 * over both.
 */
interface OutputSource {

    /** The unconsumed range of a stream now: {@code [cursor, end)}. */
    long[] range(StreamName stream) throws IOException;

    byte[] read(StreamName stream, long offset, int max) throws IOException;

    /**
     * Compare-and-set of the consume cursor from {@code expected} to {@code to}; true only when this
     * call moved it, so the range is the caller's alone.
     */
    boolean commit(StreamName stream, long expected, long to) throws IOException;

    /**
     * Appends {@code [from, to)} of a stream, or as much of it as exists, to {@code file} from the
     * job cache of the node its workspace is on, which must be the job's node; returns the bytes
     * appended. Only a job kept on its agent has its output there.
     */
    default long copyInto(Workspace.PendingFile file, StreamName stream, long from, long to) throws IOException {
        throw new UnsupportedOperationException("only a job kept on its agent is copied there");
    }

    static OutputSource of(JobManager manager, JobRecord job) {
        return job.keepOnAgent() ? new OnAgent(manager, job) : new InSpool(manager, job);
    }

    /** Controller mode. */
    final class InSpool implements OutputSource {
        private final JobManager manager;
        private final long id;
        private final String instanceId;

        InSpool(JobManager manager, JobRecord job) {
            this.manager = manager;
            this.id = job.id();
            this.instanceId = job.instanceId();
        }

        @Override
        public long[] range(StreamName stream) throws IOException {
            JobRecord r = manager.table().get(id).orElseThrow(() -> new JobException("job " + id + " was removed"));
            return new long[] {r.consumed(stream), manager.spool().length(instanceId, stream)};
        }

        @Override
        public byte[] read(StreamName stream, long offset, int max) throws IOException {
            return manager.spool().read(instanceId, stream, offset, max);
        }

        @Override
        public boolean commit(StreamName stream, long expected, long to) {
            boolean[] won = {false};
            manager.table()
                    .update(
                            id,
                            r -> {
                                long current = r.consumed(stream);
                                // Strictly compare-and-set: a cursor at or beyond `to` may be
                                // another receive's claim of these very bytes.
                                if (current != expected) {
                                    return r;
                                }
                                won[0] = true;
                                return r.with(b -> b.consumed(stream, to));
                            },
                            true);
            return won[0];
        }
    }

    /** Agent mode: every call goes to the agent, which must be reachable. */
    final class OnAgent implements OutputSource {
        private final JobManager manager;
        private final JobRecord job;

        OnAgent(JobManager manager, JobRecord job) {
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
                    && (manager.table().get(job.id()).isEmpty()
                            || manager.control().isBeingRemoved(job.id()))) {
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
                throw new JobException("agent " + job.node() + " reported copying " + copied + " bytes of job "
                        + job.id() + " where at most " + (to - from) + " were asked for; nothing was consumed");
            }
            return copied;
        }

        @Override
        public boolean commit(StreamName stream, long expected, long to) {
            CommitResult result;
            try {
                result = agent().commit(job.instanceId(), stream, expected, to);
            } catch (JobCacheException e) {
                throw unreachable(e);
            } catch (IOException lost) {
                result = afterLostReply(stream, expected, to, lost);
            }
            long cursor = result.cursor();
            manager.table().update(job.id(), r -> r.with(b -> b.consumed(stream, cursor)), true);
            return result.committed();
        }

        /**
         * The agent may have applied a commit whose reply was lost: its cursor says, once it answers
         * again (within the reconnect grace). At {@code to}, the commit was applied; still at {@code
         * expected}, it was not, and is sent again (a compare-and-set, so that is safe); anywhere
         * else, another receive moved it. Never guessed: with no answer, the step says it is not known.
         */
        private CommitResult afterLostReply(StreamName stream, long expected, long to, IOException lost) {
            long deadline =
                    System.nanoTime() + manager.limits().reconnectGrace().toNanos();
            IOException last = lost;
            long pause = 50;
            try {
                while (System.nanoTime() - deadline < 0) {
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
            throw new JobException("the answer of agent " + job.node() + " to consuming output of job " + job.id()
                    + " ('" + job.name() + "') was lost (" + last.getMessage() + "), and the agent did not answer"
                    + " again within the reconnect grace: whether that output was consumed there is not known");
        }
    }
}
