package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;

/**
 * One stream of one job to read from.
 *
 * @param instanceId the job
 * @param stream which stream
 * @param offset first byte wanted
 * @param maxBytes at most this many bytes; {@code 0} asks for the job's status only
 * @param knownState the state the caller last saw, so a change wakes a waiting read; may be null
 */
public record ReadRequest(String instanceId, StreamName stream, long offset, int maxBytes, AgentJobState knownState)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
