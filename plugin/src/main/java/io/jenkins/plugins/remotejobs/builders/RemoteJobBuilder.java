package io.jenkins.plugins.remotejobs.builders;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.remotejobs.BuildCaller;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.steps.StepArgumentException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;

/**
 * What the freestyle builders share: they call the engine's steps as the build, wait for a job's
 * end with its output in the log, and fail the build with a message alone, whether the user made a
 * mistake (a bad argument, no such job) or the job did not complete.
 */
abstract class RemoteJobBuilder extends Builder implements SimpleBuildStep {

    /** A builder's work with the engine's steps, as the build's caller. */
    @FunctionalInterface
    interface Work {
        void run(JobSteps steps, BuildCaller caller) throws IOException, InterruptedException;
    }

    /** Runs {@code work} as the build, in {@code workspace} ({@code null}: none). */
    static void perform(Run<?, ?> run, FilePath workspace, TaskListener listener, Work work)
            throws IOException, InterruptedException {
        BuildCaller caller = new BuildCaller(run, listener, workspace, Jenkins.getAuthentication2());
        try {
            work.run(RemoteJobsService.get().steps(), caller);
        } catch (StepArgumentException | JobException | IllegalStateException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * Streams job {@code id}'s output into the build log until the job ends, received with the
     * further {@code receive} arguments; fails the build with {@code notCompleted} (given the state
     * and the reason) unless the job completed, when that is given.
     */
    static void receiveUntilEnd(
            JobSteps steps,
            BuildCaller caller,
            long id,
            Map<String, Object> receive,
            BiFunction<String, String, String> notCompleted)
            throws IOException, InterruptedException {
        Map<String, Object> arguments = new LinkedHashMap<>(receive);
        arguments.put("id", id);
        arguments.put("wait", true);
        steps.receiveJobIntoLog(arguments, caller);
        JobInfo info = steps.manager().info(id).orElseThrow();
        if (notCompleted != null && info.state() != JobState.COMPLETED) {
            throw new AbortException(notCompleted.apply(info.state().label(), String.valueOf(info.reason())));
        }
    }

    /** The descriptor both share: any project may use them, and each names itself. */
    abstract static class BuilderDescriptor extends BuildStepDescriptor<Builder> {

        private final transient Supplier<String> displayName;

        BuilderDescriptor(Supplier<String> displayName) {
            this.displayName = displayName;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public final boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public final String getDisplayName() {
            return displayName.get();
        }
    }
}
