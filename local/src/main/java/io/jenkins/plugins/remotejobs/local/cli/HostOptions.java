package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every subcommand that opens a home and starts its agents: where, and how they launch. */
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
