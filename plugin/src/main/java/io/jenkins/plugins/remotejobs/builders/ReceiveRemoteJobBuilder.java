package io.jenkins.plugins.remotejobs.builders;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.remotejobs.steps.JobSelector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle: waits for and receives a job started earlier (by this project or a previous build),
 * found by name, into the build log or a workspace file; fails the build when the job did not
 * complete, unless told otherwise.
 */
public final class ReceiveRemoteJobBuilder extends RemoteJobBuilder {

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
        Map<String, Object> receive = new LinkedHashMap<>();
        if (keep) {
            receive.put("keep", true);
        }
        if (file != null) {
            receive.put("file", file);
        }
        perform(run, workspace, listener, (steps, caller) -> {
            long id = steps.resolve("receiveRemoteJob", JobSelector.ofName(jobName), caller)
                    .id();
            receiveUntilEnd(
                    steps,
                    caller,
                    id,
                    receive,
                    failIfNotCompleted
                            ? (state, reason) -> Messages.ReceiveRemoteJobBuilder_notCompleted(jobName, state, reason)
                            : null);
        });
    }

    @Extension
    @Symbol("receiveRemoteJob")
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(Messages::ReceiveRemoteJobBuilder_displayName);
        }
    }
}
