package io.jenkins.plugins.remotejobs.controller.model;

/**
 * A step that cannot do what was asked, for a reason the user can act on (unknown node, no such
 * job, a running job to remove, an unreachable agent holding kept output). The message is complete
 * and meant for the build log; hosts show it without a stack trace.
 */
public class JobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }
}
