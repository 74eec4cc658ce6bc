package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import java.io.IOException;
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
            description = "days a finished job whose output nobody received stays; 0 for ever. The home remembers"
                    + " it: without this option, the last value given on this home applies (default: 30)")
    Long unreceivedRetentionDays; // null when not given: the home's own value applies

    /** The retention in effect, settled by {@link #problem()}. */
    private long retentionDays = RetentionSetting.DEFAULT_DAYS;

    /**
     * {@code null} when these options can open the home (it is created if need be), else the first
     * usage error to print. It settles the retention: the one given, or else the home's.
     */
    String problem() {
        String problem = launcherProblem();
        if (problem == null) {
            problem = homeProblem();
        }
        return problem != null ? problem : retentionProblem();
    }

    private String retentionProblem() {
        if (unreceivedRetentionDays != null) {
            if (!RetentionSetting.inRange(unreceivedRetentionDays)) {
                return "--unreceived-retention must be from 0 (for ever) to " + RetentionSetting.MAX_DAYS
                        + " days, got " + unreceivedRetentionDays;
            }
            retentionDays = unreceivedRetentionDays;
            return null;
        }
        try {
            retentionDays = RetentionSetting.stored(home);
            return null;
        } catch (RetentionSetting.Unusable e) {
            return e.getMessage();
        }
    }

    /**
     * {@code base} with this home's retention: every command that opens the home applies it at once,
     * so each must apply the one its runs use.
     */
    Limits limits(Limits base) {
        return base.withRetention(base.retention(), Duration.ofDays(retentionDays));
    }

    /** Once the home is this command's: a retention given becomes the home's for its later commands. */
    void rememberRetention(Path openedHome) throws IOException {
        if (unreceivedRetentionDays != null) {
            RetentionSetting.store(openedHome, retentionDays);
        }
    }

    private String launcherProblem() {
        if (launcher != null && !JobCache.LAUNCHERS.contains(launcher)) {
            return "--launcher must be one of " + String.join(", ", JobCache.LAUNCHERS) + ", got '" + launcher + "'";
        }
        return null;
    }

    private String homeProblem() {
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
