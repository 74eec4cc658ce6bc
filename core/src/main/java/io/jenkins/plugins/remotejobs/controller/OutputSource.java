package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;

/**
 * Where a job's output is read and consumed: the controller's spool (controller mode, cursors in
 * the job table) or the agent's cache (agent mode, cursors on the agent). Receiving works the same
 * over both.
 */
interface OutputSource {

    byte[] NO_BYTES = new byte[0];

    /** The unconsumed range of a stream now: {@code [cursor, end)}. */
    long[] range(StreamName stream) throws IOException;

    /**
     * What each of {@code streams} holds unconsumed now, from no earlier than {@code notBefore[i]}
     * (what this receive holds already): in agent mode from one read, which brings up to {@code
     * headBytes} of the output along.
     *
     * @param consuming whether what is pending will be committed: the commit then records what the
     *     agent said, in the one table write it makes anyway
     */
    List<Pending> pending(List<StreamName> streams, long[] notBefore, int headBytes, boolean consuming)
            throws IOException;

    /** Whether {@link #pending} of {@code streams} needs no agent call, nor bytes read from an agent. */
    boolean answersLocally(List<StreamName> streams);

    /**
     * A stream's unconsumed range {@code [from, to)}, and its first bytes when they came along with
     * the range (empty otherwise: they are read when delivered).
     */
    record Pending(StreamName stream, long from, long to, byte[] head) {}

    byte[] read(StreamName stream, long offset, int max) throws IOException;

    /**
     * Compare-and-set of the consume cursor from {@code expected} to {@code to}; true only when this
     * call moved it, so the range is the caller's alone. Under a {@code callId} (may be {@code
     * null}), the job's {@link io.jenkins.plugins.remotejobs.controller.model.Receipt} says so no
     * later than the cursor does.
     */
    boolean commit(StreamName stream, long expected, long to, String callId) throws IOException;

    /**
     * Appends {@code [from, to)} of a stream, or as much of it as exists, to {@code file} from the
     * job cache of the node its workspace is on, which must be the job's node; returns the bytes
     * appended. Only a job kept on its agent has its output there.
     */
    default long copyInto(Workspace.PendingFile file, StreamName stream, long from, long to) throws IOException {
        throw new UnsupportedOperationException("only a job kept on its agent is copied there");
    }

    static OutputSource of(JobManager manager, JobRecord job) {
        return job.keepOnAgent() ? new AgentOutput(manager, job) : new SpoolOutput(manager, job);
    }
}
