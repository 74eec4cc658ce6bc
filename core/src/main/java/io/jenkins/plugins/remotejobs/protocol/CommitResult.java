package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;

/**
 * The outcome of {@link AgentProtocol#commit}.
 *
 * @param committed whether this call moved the cursor from the expected position to the requested
 *     end: the range is this caller's alone
 * @param cursor the cursor after the call; when not committed, where another consumer left it
 */
public record CommitResult(boolean committed, long cursor) implements Serializable {

    private static final long serialVersionUID = 1L;
}
