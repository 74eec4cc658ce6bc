package io.jenkins.plugins.remotejobs.builders;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.remotejobs.BuildCaller;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.steps.StepArgumentException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle: starts a remote job (as {@code remoteJob} does), optionally waiting for it with its
 * output streamed into the build log, failing the build when it does not complete.
 */
public final class StartRemoteJobBuilder extends Builder implements SimpleBuildStep {

    private final String node;
    private final String script;
    private String name;
    private boolean keepOnAgent;
    private boolean waitForEnd;

    @DataBoundConstructor
    public StartRemoteJobBuilder(String node, String script) {
        this.node = node;
        this.script = script;
    }

    public String getNode() {
        return node;
    }

    public String getScript() {
        return script;
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = name == null || name.isBlank() ? null : name;
    }

    public boolean isKeepOnAgent() {
        return keepOnAgent;
    }

    @DataBoundSetter
    public void setKeepOnAgent(boolean keepOnAgent) {
        this.keepOnAgent = keepOnAgent;
    }

    public boolean isWaitForEnd() {
        return waitForEnd;
    }

    @DataBoundSetter
    public void setWaitForEnd(boolean waitForEnd) {
        this.waitForEnd = waitForEnd;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        BuildCaller caller = new BuildCaller(run, listener, null, Jenkins.getAuthentication2());
        JobSteps steps = RemoteJobsService.get().steps();
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("node", node);
        start.put("script", script);
        if (name != null) {
            start.put("name", name);
        }
        start.put("keepOnAgent", keepOnAgent);
        try {
            JobRecord job = steps.remoteJob(start, caller);
            listener.getLogger().println(Messages.StartRemoteJobBuilder_started(job.id(), job.name(), node));
            if (waitForEnd) {
                // Showing is not consuming: output kept on the agent stays there for a later receive.
                steps.receiveJobIntoLog(Map.of("id", job.id(), "wait", true, "keep", keepOnAgent), caller);
                JobInfo info = steps.manager().info(job.id()).orElseThrow();
                if (info.state() != JobState.COMPLETED) {
                    throw new AbortException(Messages.StartRemoteJobBuilder_notCompleted(
                            job.id(), info.state().label(), String.valueOf(info.reason())));
                }
            }
        } catch (StepArgumentException | JobException | IllegalStateException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    @Symbol("startRemoteJob")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.StartRemoteJobBuilder_displayName();
        }
    }

    /** Unused: the build step needs no workspace. */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        perform(run, env, listener);
    }
}
