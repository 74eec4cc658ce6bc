package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a cache starts its jobs so that they outlive the agent JVM, with their exit status, timeout
 * and stop escalation looked after beside them: {@code sh} (a {@code setsid sh} wrapper per job,
 * POSIX only) or {@code portable} (one supervisor JVM per cache; the only one on Windows). Chosen on
 * the agent with the system property {@value JobCache#LAUNCHER_PROPERTY}; jobs started by either are read the same
 * way, so a cache can switch between runs.
 */
interface ProcessLauncher extends AutoCloseable {

    String PROPERTY = JobCache.LAUNCHER_PROPERTY;

    List<String> NAMES = JobCache.LAUNCHERS;

    /** Why this agent cannot run {@code shell} (already known to be one of the product's), or {@code null}. */
    String unavailableReason(String shell);

    /**
     * Writes the job's script into its directory and starts it in {@code workDir} ({@code startedAt}
     * is when the launch began, what its timeout counts from); the process is
     * recorded in {@code process.properties} (or, for the wrapper, noted where a restarted agent
     * finds it) before this returns.
     */
    JobProcess start(JobFiles files, LaunchRequest request, Path workDir, long startedAt) throws IOException;

    @Override
    void close();

    /** The launcher this agent is set to use: the property's (unless empty), else the platform's own. */
    static String configured() {
        String set = System.getProperty(PROPERTY, "").trim();
        return set.isEmpty() ? (windows() ? "portable" : "sh") : set;
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The launcher {@code name} for the cache at {@code root}; a clear error for one this agent cannot use. */
    static ProcessLauncher named(String name, Path root, Duration stopGrace) throws IOException {
        boolean windows = windows();
        long graceSeconds = Math.max(1, (stopGrace.toMillis() + 999) / 1000);
        return switch (name) {
            case "portable" -> new SupervisorLauncher(root, graceSeconds * 1000);
            case "sh" -> {
                if (windows) {
                    throw new IOException(
                            "launcher 'sh' (" + PROPERTY + ") needs a POSIX agent; on Windows use 'portable'");
                }
                yield new WrapperLauncher(graceSeconds);
            }
            default ->
                throw new IOException(
                        "unknown launcher '" + name + "' (" + PROPERTY + "); allowed: " + String.join(", ", NAMES));
        };
    }
}
