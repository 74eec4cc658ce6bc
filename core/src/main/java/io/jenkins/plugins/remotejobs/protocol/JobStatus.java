package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;

/**
 * A job as its agent sees it at one moment.
 *
 * @param instanceId the job's id
 * @param name display name given at launch
 * @param command the first line of the script, for listings
 * @param state the agent-side state
 * @param exitCode the exit code once known, else {@code null}
 * @param reason why the job failed or stopped, else {@code null}
 * @param stdoutLength bytes of stdout recorded so far
 * @param stderrLength bytes of stderr recorded so far
 * @param stdoutCursor stdout consumed up to here (agent mode)
 * @param stderrCursor stderr consumed up to here (agent mode)
 * @param keepOnAgent as launched
 * @param released whether the output was deleted after the controller collected it
 * @param charset the agent's default charset, for turning bytes into text
 * @param startedAt epoch millis of the launch
 * @param endedAt epoch millis the job was seen to end, {@code 0} while running; also {@code 0} with a
 *     final state while a stop or timeout is reported but the job's processes have not all exited
 */
public record JobStatus(
        String instanceId,
        String name,
        String command,
        AgentJobState state,
        Integer exitCode,
        String reason,
        long stdoutLength,
        long stderrLength,
        long stdoutCursor,
        long stderrCursor,
        boolean keepOnAgent,
        boolean released,
        String charset,
        long startedAt,
        long endedAt)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public long length(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutLength : stderrLength;
    }

    public long cursor(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutCursor : stderrCursor;
    }

    /** Whether some output is recorded past what was consumed (agent mode). */
    public boolean hasUnconsumedOutput() {
        return stdoutLength > stdoutCursor || stderrLength > stderrCursor;
    }

    /** The same status with the consume cursor of {@code stream} at {@code cursor}. */
    public JobStatus withCursor(StreamName stream, long cursor) {
        long stdout = stream == StreamName.STDOUT ? cursor : stdoutCursor;
        long stderr = stream == StreamName.STDERR ? cursor : stderrCursor;
        return with(name, command, state, exitCode, reason, stdout, stderr, charset, endedAt);
    }

    /** The same status with these texts in place of the reported ones. */
    public JobStatus withTexts(String name, String command, String reason, String charset) {
        return with(name, command, state, exitCode, reason, stdoutCursor, stderrCursor, charset, endedAt);
    }

    /** The same job and lengths, reported as still running: no exit code, reason or end yet. */
    public JobStatus asRunning() {
        return with(name, command, AgentJobState.RUNNING, null, null, stdoutCursor, stderrCursor, charset, 0);
    }

    /** The same job, launch and lengths with these in place of what may change. */
    private JobStatus with(
            String name,
            String command,
            AgentJobState state,
            Integer exitCode,
            String reason,
            long stdoutCursor,
            long stderrCursor,
            String charset,
            long endedAt) {
        return new JobStatus(
                instanceId,
                name,
                command,
                state,
                exitCode,
                reason,
                stdoutLength,
                stderrLength,
                stdoutCursor,
                stderrCursor,
                keepOnAgent,
                released,
                charset,
                startedAt,
                endedAt);
    }
}
