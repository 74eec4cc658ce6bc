package io.jenkins.plugins.remotejobs.protocol;

/** What an agent knows of a job's state; the controller adds the states only it can know. */
public enum AgentJobState {
    RUNNING,
    COMPLETED,
    FAILED,
    STOPPED;

    /** True once the job's process has ended (or been stopped). */
    public boolean isFinished() {
        return this != RUNNING;
    }
}
