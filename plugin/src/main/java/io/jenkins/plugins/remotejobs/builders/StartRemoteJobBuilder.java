package io.jenkins.plugins.remotejobs.builders;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle: starts a remote job (as {@code remoteJob} does), optionally waiting for it with its
 * output streamed into the build log, failing the build when it does not complete.
 */
public final class StartRemoteJobBuilder extends RemoteJobBuilder {

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
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("node", node);
        start.put("script", script);
        if (name != null) {
            start.put("name", name);
        }
        start.put("keepOnAgent", keepOnAgent);
        perform(run, null, listener, (steps, caller) -> {
            JobRecord job = steps.remoteJob(start, caller);
            listener.getLogger().println(Messages.StartRemoteJobBuilder_started(job.id(), job.name(), node));
            if (waitForEnd) {
                // Showing is not consuming: output kept on the agent stays there for a later receive.
                receiveUntilEnd(
                        steps,
                        caller,
                        job.id(),
                        Map.of("keep", keepOnAgent),
                        (state, reason) -> Messages.StartRemoteJobBuilder_notCompleted(job.id(), state, reason));
            }
        });
    }

    @Extension
    @Symbol("startRemoteJob")
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(Messages::StartRemoteJobBuilder_displayName);
        }
    }

    /** Unused: the build step needs no workspace. */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        perform(run, env, listener);
    }
}
