package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code remoteJob}: starts a background job on one or more agents and returns its handle at once,
 * holding no executor (Invoke-Command -AsJob, or Start-Job with {@code keepOnAgent}); an agent
 * that is not connected yet is waited for, and a controller restart in the middle resumes the start.
 */
public final class RemoteJobStep extends ArgumentsStep {

    @DataBoundConstructor
    public RemoteJobStep(String script) {
        put("script", script);
    }

    @DataBoundSetter
    public void setNode(String node) {
        putText("node", node);
    }

    @DataBoundSetter
    public void setNodes(List<String> nodes) {
        putList("nodes", nodes);
    }

    @DataBoundSetter
    public void setLabel(String label) {
        putText("label", label);
    }

    @DataBoundSetter
    public void setShell(String shell) {
        putText("shell", shell, "sh");
    }

    @DataBoundSetter
    public void setName(String name) {
        putText("name", name);
    }

    @DataBoundSetter
    public void setKeepOnAgent(boolean keepOnAgent) {
        putFlag("keepOnAgent", keepOnAgent);
    }

    @DataBoundSetter
    public void setDir(String dir) {
        putText("dir", dir);
    }

    @DataBoundSetter
    public void setEnv(List<String> env) {
        putList("env", env);
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    @DataBoundSetter
    public void setThrottle(int throttle) {
        put("throttle", throttle == StepLimits.DEFAULT_THROTTLE ? null : throttle);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new StartExecution(context, arguments(), StepSupport.currentAuthentication());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(
                    StepNames.REMOTE_JOB,
                    RemoteJobArguments::from,
                    () -> new RemoteJobStep(null),
                    Messages::RemoteJobStep_displayName);
        }
    }
}
