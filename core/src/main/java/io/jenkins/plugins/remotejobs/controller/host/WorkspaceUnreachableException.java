package io.jenkins.plugins.remotejobs.controller.host;

import java.io.IOException;

/**
 * The workspace's node is not connected now (its channel closed, or it has not come back yet).
 * Nothing a {@link Workspace.PendingFile} wrote counts until it is committed, so a waiting receive
 * begins its file again once the node is back, within the reconnect grace.
 */
public final class WorkspaceUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    public WorkspaceUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
