package io.jenkins.plugins.remotejobs.controller.model;

/**
 * The agent that keeps a job's output could not be reached. A single receive fails with it; a
 * waiting one takes it as a passing state and goes on waiting, up to the reconnect grace.
 */
public final class AgentUnreachableException extends JobException {

    private static final long serialVersionUID = 1L;

    public AgentUnreachableException(String message) {
        super(message);
    }
}
