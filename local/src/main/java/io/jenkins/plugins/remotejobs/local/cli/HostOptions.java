package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of every subcommand that opens a home and starts its agents: where, how they launch,
 * and how long unreceived output stays (applied as the home opens).
 */
final class HostOptions {

    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = ".remote-jobs",
            description = "where jobs, output and agents live between runs (default: ${DEFAULT-VALUE})")
    Path home;

    @Option(
            names = "--launcher",
            paramLabel = "NAME",
            description = "how agents start jobs: sh (a setsid sh wrapper per job) or portable (one supervisor JVM"
                    + " per agent, as on Windows); default: the platform's own (sh here, portable on Windows)")
    String launcher;

    @Option(
            names = "--unreceived-retention",
            paramLabel = "DAYS",
            defaultValue = "30",
            description = "days a finished job whose output nobody received stays; 0 for ever"
                    + " (default: ${DEFAULT-VALUE})")
    long unreceivedRetentionDays;

    /** {@code null} when {@code --unreceived-retention} is in range, else the usage error to print. */
    String retentionProblem() {
        if (unreceivedRetentionDays < 0 || unreceivedRetentionDays > 36_500) {
            return "--unreceived-retention must be from 0 (for ever) to 36500 days, got " + unreceivedRetentionDays;
        }
        return null;
    }

    /**
     * {@code base} with this home's retention: every command that opens the home applies it at once,
     * so each must be given the one its runs use.
     */
    Limits limits(Limits base) {
        return base.withRetention(base.retention(), Duration.ofDays(unreceivedRetentionDays));
    }

    /** {@code null} when {@code --launcher} is one the agents know, else the usage error to print. */
    String launcherProblem() {
        if (launcher != null && !JobCache.LAUNCHERS.contains(launcher)) {
            return "--launcher must be one of " + String.join(", ", JobCache.LAUNCHERS) + ", got '" + launcher + "'";
        }
        return null;
    }

    /** {@code null} when {@code --home} can be used (it is created if need be), else the usage error to print. */
    String homeProblem() {
        String problem = HomeCheck.problem(home);
        return problem == null ? null : "--home " + home + " cannot be used: " + problem;
    }

    /** Makes the agents this JVM starts use the chosen launcher. */
    void applyLauncher() {
        if (launcher != null) {
            System.setProperty(JobCache.LAUNCHER_PROPERTY, launcher); // read by the agents' launcher
        }
    }
}
