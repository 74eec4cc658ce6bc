package io.jenkins.plugins.remotejobs.controller.model;

/**
 * A wait ended because its job manager closed (the host shuts down), not because of its jobs. A host
 * whose steps resume after a restart (Jenkins) does not fail the step for it: the step waits again
 * once the manager is open again.
 */
public final class JobManagerClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public JobManagerClosedException() {
        super("the job manager was closed (the controller is shutting down)");
    }
}
