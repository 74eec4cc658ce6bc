package io.jenkins.plugins.remotejobs.controller.model;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.util.List;

/**
 * One row of the job table (PowerShell's job object), immutable; changes make a new record. Child
 * jobs run on one node each; a parent job ({@code node == null}) groups the children of one start
 * on several nodes and takes its state from them.
 *
 * @param id the short id users type, unique in this controller
 * @param instanceId the engine-generated UUID, also the job's directory name on its agent
 * @param name display name
 * @param node where a child job runs; {@code null} for a parent
 * @param command the script's first line
 * @param shell the shell it runs in
 * @param keepOnAgent agent mode (output stays on the agent) rather than controller mode
 * @param owner who owns the job (in Jenkins the owner job's full name; "local" in the local host)
 * @param build the build that started it (e.g. "folder/job#12")
 * @param parentId the parent's id, 0 for none
 * @param childIds the children's ids in creation order
 * @param state as last known
 * @param exitCode once known
 * @param reason why it failed, stopped, was lost, or why collection is paused
 * @param stdoutLength bytes the job has written to stdout, as last reported; in controller mode,
 *     until collected, as far as its spool holds them (what a receive can return now)
 * @param stderrLength the same for stderr
 * @param stdoutConsumed stdout received (consumed) so far
 * @param stderrConsumed stderr received (consumed) so far
 * @param collected controller mode: the spool holds all output and the agent's copy is released
 * @param charset the agent's default charset
 * @param createdAt epoch millis
 * @param endedAt epoch millis, 0 while not finished
 * @param disconnectedAt epoch millis the agent was last found unreachable, 0 while reachable
 * @param launched the agent has confirmed the launch at least once (false while a launch, or the
 *     answer to it, is still to come: such a job is reconciled by asking the agent, never guessed)
 * @param receipt what the last consuming receive took, by its call; {@code null} for none, or
 *     where the host's calls are never run again
 */
public record JobRecord(
        long id,
        String instanceId,
        String name,
        String node,
        String command,
        String shell,
        boolean keepOnAgent,
        String owner,
        String build,
        long parentId,
        List<Long> childIds,
        JobState state,
        Integer exitCode,
        String reason,
        long stdoutLength,
        long stderrLength,
        long stdoutConsumed,
        long stderrConsumed,
        boolean collected,
        String charset,
        long createdAt,
        long endedAt,
        long disconnectedAt,
        boolean launched,
        Receipt receipt) {

    public JobRecord {
        childIds = List.copyOf(childIds);
    }

    /** How the reason of a job that never reached its agent begins. */
    public static final String NEVER_LAUNCHED = "never launched: ";

    public boolean isParent() {
        return node == null;
    }

    /** Failed before any process of it ran: its launch was never sent, or its agent never had it. */
    public boolean neverLaunched() {
        return state == JobState.FAILED && !launched && reason != null && reason.startsWith(NEVER_LAUNCHED);
    }

    public long length(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutLength : stderrLength;
    }

    public long consumed(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutConsumed : stderrConsumed;
    }

    /**
     * Whether a node monitor must keep an eye on this job: it may still change state, or its output
     * is still to be collected into the controller's spool.
     */
    public boolean needsWatching() {
        return node != null && (!state.isFinished() || (!keepOnAgent && !collected && state != JobState.LOST));
    }

    /** Output not yet received, of this job alone (a parent's comes from its children). */
    public boolean hasUnreceivedOutput() {
        return stdoutLength > stdoutConsumed || stderrLength > stderrConsumed;
    }

    /** A copy with the changes {@code edit} makes to a builder of this record. */
    public JobRecord with(java.util.function.Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** The mutable form of a record, for {@link #with} and for creating records. */
    public static final class Builder {
        public long id;
        public String instanceId;
        public String name;
        public String node;
        public String command;
        public String shell;
        public boolean keepOnAgent;
        public String owner;
        public String build;
        public long parentId;
        public List<Long> childIds = List.of();
        public JobState state = JobState.NOT_STARTED;
        public Integer exitCode;
        public String reason;
        public long stdoutLength;
        public long stderrLength;
        public long stdoutConsumed;
        public long stderrConsumed;
        public boolean collected;
        public String charset;
        public long createdAt;
        public long endedAt;
        public long disconnectedAt;
        public boolean launched;
        public Receipt receipt;

        public Builder() {}

        Builder(JobRecord r) {
            id = r.id;
            instanceId = r.instanceId;
            name = r.name;
            node = r.node;
            command = r.command;
            shell = r.shell;
            keepOnAgent = r.keepOnAgent;
            owner = r.owner;
            build = r.build;
            parentId = r.parentId;
            childIds = r.childIds;
            state = r.state;
            exitCode = r.exitCode;
            reason = r.reason;
            stdoutLength = r.stdoutLength;
            stderrLength = r.stderrLength;
            stdoutConsumed = r.stdoutConsumed;
            stderrConsumed = r.stderrConsumed;
            collected = r.collected;
            charset = r.charset;
            createdAt = r.createdAt;
            endedAt = r.endedAt;
            disconnectedAt = r.disconnectedAt;
            launched = r.launched;
            receipt = r.receipt;
        }

        public void consumed(io.jenkins.plugins.remotejobs.protocol.StreamName stream, long to) {
            if (stream == io.jenkins.plugins.remotejobs.protocol.StreamName.STDOUT) {
                stdoutConsumed = to;
            } else {
                stderrConsumed = to;
            }
        }

        public JobRecord build() {
            return new JobRecord(
                    id,
                    instanceId,
                    name,
                    node,
                    command,
                    shell,
                    keepOnAgent,
                    owner,
                    build,
                    parentId,
                    childIds,
                    state,
                    exitCode,
                    reason,
                    stdoutLength,
                    stderrLength,
                    stdoutConsumed,
                    stderrConsumed,
                    collected,
                    charset,
                    createdAt,
                    endedAt,
                    disconnectedAt,
                    launched,
                    receipt);
        }
    }
}
