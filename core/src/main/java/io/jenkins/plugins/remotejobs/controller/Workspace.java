package io.jenkins.plugins.remotejobs.controller;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@code receiveJob file:} writes: the current workspace of the caller. A file is written to
 * a temporary sibling and moved into place only when complete, so a reader never sees half of it.
 */
public interface Workspace {

    /**
     * Starts writing {@code relativePath} (already validated: relative, no {@code ..}).
     *
     * @throws IOException when the path would leave the workspace, or the file cannot be created
     */
    PendingFile create(String relativePath) throws IOException;

    /** A file being written. */
    interface PendingFile extends AutoCloseable {
        OutputStream stream();

        /** Moves the complete file into place, replacing what was there. */
        void commit() throws IOException;

        /** Drops what was written; a no-op after {@link #commit}. */
        @Override
        void close();
    }
}
