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
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.steps.JobSelector;
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
 * Freestyle: waits for and receives a job started earlier (by this project or a previous build),
 * found by name, into the build log or a workspace file; fails the build when the job did not
 * complete, unless told otherwise.
 */
public final class ReceiveRemoteJobBuilder extends Builder implements SimpleBuildStep {

    private final String jobName;
    private boolean keep;
    private String file;
    private boolean failIfNotCompleted = true;

    @DataBoundConstructor
    public ReceiveRemoteJobBuilder(String jobName) {
        this.jobName = jobName;
    }

    public String getJobName() {
        return jobName;
    }

    public boolean isKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(boolean keep) {
        this.keep = keep;
    }

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = file == null || file.isBlank() ? null : file;
    }

    public boolean isFailIfNotCompleted() {
        return failIfNotCompleted;
    }

    @DataBoundSetter
    public void setFailIfNotCompleted(boolean failIfNotCompleted) {
        this.failIfNotCompleted = failIfNotCompleted;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        BuildCaller caller = new BuildCaller(run, listener, workspace, Jenkins.getAuthentication2());
        JobSteps steps = RemoteJobsService.get().steps();
        Map<String, Object> receive = new LinkedHashMap<>();
        receive.put("wait", true);
        if (keep) {
            receive.put("keep", true);
        }
        if (file != null) {
            receive.put("file", file);
        }
        try {
            long id = steps.resolve("receiveRemoteJob", JobSelector.ofName(jobName), caller)
                    .id();
            receive.put("id", id);
            steps.receiveJobIntoLog(receive, caller);
            JobInfo info = steps.manager().info(id).orElseThrow();
            if (failIfNotCompleted && info.state() != JobState.COMPLETED) {
                throw new AbortException(Messages.ReceiveRemoteJobBuilder_notCompleted(
                        jobName, info.state().label(), String.valueOf(info.reason())));
            }
        } catch (StepArgumentException | JobException | IllegalStateException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    @Symbol("receiveRemoteJob")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.ReceiveRemoteJobBuilder_displayName();
        }
    }
}
