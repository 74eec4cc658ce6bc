package io.jenkins.plugins.remotejobs;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.remoting.JenkinsAgentDirectory;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.model.Jenkins;

/**
 * The one job manager of this controller, persisted under {@code $JENKINS_HOME/remote-jobs}. It
 * opens when Jenkins has loaded its jobs (so collection of running jobs resumes at once) and closes
 * when Jenkins stops; the jobs themselves go on, detached, on their agents.
 */
@Extension
public final class RemoteJobsService {

    /**
     * The manager this JVM opened last. A Jenkins restarted inside the same JVM (tests, a reloaded
     * plugin) gets a new service while the old one may still hold the directory's lock; the new one
     * closes it first.
     */
    private static JobManager openInThisJvm;

    private JobSteps steps;
    private JenkinsAgentDirectory directory;

    public static RemoteJobsService get() {
        return ExtensionList.lookupSingleton(RemoteJobsService.class);
    }

    /** The steps over this controller's job manager, opening it on first use. */
    public synchronized JobSteps steps() throws IOException {
        if (steps == null) {
            directory = new JenkinsAgentDirectory();
            Path dir = Jenkins.get().getRootDir().toPath().resolve("remote-jobs");
            closePreviousInThisJvm();
            JobManager manager = JobManager.open(
                    dir, directory, () -> RemoteJobsConfiguration.get().limits());
            steps = new JobSteps(manager);
            remember(manager);
        }
        return steps;
    }

    /** The job manager if it is open already; {@code null} before the first use (a page asking must not open it). */
    public synchronized JobManager managerIfOpen() {
        return steps == null ? null : steps.manager();
    }

    private static synchronized void closePreviousInThisJvm() throws IOException {
        if (openInThisJvm != null) {
            openInThisJvm.close();
            openInThisJvm = null;
        }
    }

    private static synchronized void remember(JobManager manager) {
        openInThisJvm = manager;
    }

    /** How the job manager reaches agents; events from Jenkins' listeners go through it. */
    public synchronized JenkinsAgentDirectory directory() throws IOException {
        steps();
        return directory;
    }

    synchronized void close() throws IOException {
        if (steps != null) {
            steps.manager().close();
            steps = null;
            remember(null);
        }
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void resumeCollection() throws IOException {
        get().steps();
    }

    @Terminator
    public static void shutdown() throws IOException {
        get().close();
    }
}
