package io.jenkins.plugins.remotejobs.controller.host;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;

/**
 * Who is calling a step, as the host knows it: whose jobs it may reach, where its log and
 * workspace are. The Jenkins plugin builds one from the running build; the local host from the run.
 */
public interface Caller {

    /** The owner new jobs get (in Jenkins the owner job's full name). */
    String owner();

    /** The build new jobs are recorded under; {@code getJob()} lists this build's jobs. */
    String build();

    /** Whether this caller may see a job and read its output without consuming it. */
    boolean mayReach(JobRecord job);

    /**
     * Whether this caller may change a job it reaches: consume its output, stop it, remove it. In
     * Jenkins a build's own Jenkins job's remote jobs, or another's with Job/Cancel on it.
     */
    default boolean mayControl(JobRecord job) {
        return mayReach(job);
    }

    /**
     * Whether this caller may list what an agent holds beyond the jobs it reaches ({@code getJob
     * node:}: jobs no controller record knows). In Jenkins, Agent/Extended Read, as the agent's page.
     */
    default boolean mayListAgent(String node) {
        return true;
    }

    BuildLog log();

    /**
     * The current workspace for {@code file:}.
     *
     * @throws IllegalStateException with a message for the user when there is none here
     */
    Workspace workspace();

    /**
     * Refuses to start jobs on {@code node} when the host's rules say so (the nodes an administrator
     * allows, the caller's permission to build there).
     *
     * @throws JobException naming the rule that refused the node
     */
    default void checkMayStartOn(String node) {}

    /**
     * How far a child's stream was already shown in this build's log by an earlier attempt of the
     * same step, one that a controller restart interrupted: a waiting receive that resumes does not
     * show it again (what it returns is still whole). 0 where steps do not resume.
     */
    default long shownUpTo(long childId, StreamName stream) {
        return 0;
    }

    /**
     * The variables that the blocks around the step set for a job on {@code node}, as {@code
     * NAME=value}: in Jenkins those of {@code withEnv} and {@code withCredentials}, worked out against
     * the node's own environment (so {@code PATH+X} prepends to the node's {@code PATH}). Handed to
     * the job's process only, never recorded. None where the host has no such blocks.
     *
     * @throws IOException when the node's environment cannot be read (it is then asked again)
     */
    default List<String> environment(String node) throws IOException, InterruptedException {
        return List.of();
    }

    /** A child's stream is now shown in the build log up to {@code to}; hosts that resume steps keep it. */
    default void shown(long childId, StreamName stream, long to) {}

    /**
     * This call of the step, named from what the host keeps durably, so that the host running the
     * same call again after a crash that lost its result names it the same: in Jenkins the build
     * and the step's flow node. A receive consumes under it and, run again, is handed what it
     * consumed then ({@link io.jenkins.plugins.remotejobs.controller.model.Receipt}). {@code null}
     * where a call is never run again.
     */
    default String callId() {
        return null;
    }
}
