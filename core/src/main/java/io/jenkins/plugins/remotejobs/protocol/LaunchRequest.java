package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything an agent needs to start a job, in one call.
 *
 * @param instanceId the job's engine-generated id, also its directory name (see {@link JobIds})
 * @param name the display name, kept for listings on the agent
 * @param shell {@code sh}, {@code bat}, {@code powershell} or {@code pwsh}
 * @param script the script text
 * @param dir the working directory, which must exist; {@code null} for the job's own {@code work/}
 * @param env extra environment as {@code K=V}; reaches the process only, never written to disk
 * @param timeoutSeconds how long the job may run, {@code 0} for no limit
 * @param keepOnAgent whether output stays on the agent until received (shown in listings)
 */
public record LaunchRequest(
        String instanceId,
        String name,
        String shell,
        String script,
        String dir,
        List<String> env,
        long timeoutSeconds,
        boolean keepOnAgent)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public LaunchRequest {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(script, "script");
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** The command column of job listings: the script's first line, shortened. */
    public static String commandOf(String script) {
        String trimmed = script.strip();
        int nl = trimmed.indexOf('\n');
        String line = nl < 0 ? trimmed : trimmed.substring(0, nl).strip() + " ...";
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Never prints the environment's values. */
    @Override
    public String toString() {
        return "LaunchRequest[" + instanceId + ", " + name + ", " + shell + "]";
    }
}
