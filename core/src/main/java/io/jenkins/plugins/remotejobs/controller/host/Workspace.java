package io.jenkins.plugins.remotejobs.controller.host;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@code receiveJob file:} writes: the current workspace of the caller. A file is written to
 * a temporary sibling and moved into place only when complete, so a reader never sees half of it.
 */
public interface Workspace {

    /**
     * Starts writing {@code relativePath} (already validated: relative, no {@code ..}). Each call
     * reaches the workspace as it is now: after its node reconnected, a new file is created there.
     *
     * @throws WorkspaceUnreachableException when the workspace's node is not connected (this and
     *     every method of {@link PendingFile} may throw it)
     * @throws IOException when the path would leave the workspace, or the file cannot be created
     */
    PendingFile create(String relativePath) throws IOException;

    /**
     * {@link #create}, first removing the temporary files an earlier attempt of the step call
     * {@code callId} could not (its node's channel closed under it): see {@link ReceivingFiles}.
     * {@code callId} may be {@code null}: then nothing is removed.
     */
    default PendingFile create(String relativePath, String callId) throws IOException {
        return create(relativePath);
    }

    /**
     * The node this workspace is on, when that node holds a job cache and a {@link PendingFile} can
     * {@linkplain PendingFile#appendOutput append} from it; {@code null} otherwise. The output of a
     * job kept on that very node then never has to leave it.
     */
    default String node() {
        return null;
    }

    /** A file being written. */
    interface PendingFile extends AutoCloseable {
        /**
         * Where bytes from here are written; the same stream every time, opened on first use where
         * opening costs a call to the node.
         *
         * @throws IOException when it cannot be opened
         */
        OutputStream stream() throws IOException;

        /**
         * Appends {@code [from, to)} of a stream of job {@code instanceId}, or as much of it as
         * exists, copied on the workspace's {@link Workspace#node() node} from its job cache: the
         * bytes never pass through the caller. Reads nothing but that job's stream and consumes
         * nothing. A file is written either through {@link #stream} or by appends: a workspace may
         * refuse to mix them.
         *
         * @return the bytes appended, fewer than asked when the stream ends first (none of a
         *     released job)
         * @throws io.jenkins.plugins.remotejobs.protocol.JobCacheException when the job cache refuses
         *     (no such job, a bad range)
         * @throws IOException when the file cannot be written or the node cannot be reached
         */
        default long appendOutput(String instanceId, StreamName stream, long from, long to) throws IOException {
            throw new UnsupportedOperationException("this workspace is on no node with a job cache");
        }

        /** Moves the complete file into place, replacing what was there. */
        void commit() throws IOException;

        /** Drops what was written; a no-op after {@link #commit}. */
        @Override
        void close();
    }
}
