package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.List;
import java.util.Map;
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
        super(Map.of());
        put("script", script);
    }

    private RemoteJobStep(Map<String, Object> raw) {
        super(raw);
    }

    public String getScript() {
        return get("script", String.class, null);
    }

    public String getNode() {
        return get("node", String.class, null);
    }

    @DataBoundSetter
    public void setNode(String node) {
        put("node", emptyToNull(node));
    }

    @SuppressWarnings("unchecked")
    public List<String> getNodes() {
        return get("nodes", List.class, null);
    }

    @DataBoundSetter
    public void setNodes(List<String> nodes) {
        put("nodes", nodes == null || nodes.isEmpty() ? null : List.copyOf(nodes));
    }

    public String getLabel() {
        return get("label", String.class, null);
    }

    @DataBoundSetter
    public void setLabel(String label) {
        put("label", emptyToNull(label));
    }

    public String getShell() {
        return get("shell", String.class, "sh");
    }

    @DataBoundSetter
    public void setShell(String shell) {
        put("shell", "sh".equals(shell) ? null : emptyToNull(shell));
    }

    public String getName() {
        return get("name", String.class, null);
    }

    @DataBoundSetter
    public void setName(String name) {
        put("name", emptyToNull(name));
    }

    public boolean isKeepOnAgent() {
        return get("keepOnAgent", Boolean.class, false);
    }

    @DataBoundSetter
    public void setKeepOnAgent(boolean keepOnAgent) {
        put("keepOnAgent", keepOnAgent ? Boolean.TRUE : null);
    }

    public String getDir() {
        return get("dir", String.class, null);
    }

    @DataBoundSetter
    public void setDir(String dir) {
        put("dir", emptyToNull(dir));
    }

    @SuppressWarnings("unchecked")
    public List<String> getEnv() {
        return get("env", List.class, null);
    }

    @DataBoundSetter
    public void setEnv(List<String> env) {
        put("env", env == null || env.isEmpty() ? null : List.copyOf(env));
    }

    public Integer getTimeout() {
        Number n = get("timeout", Number.class, null);
        return n == null ? null : n.intValue();
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    public int getThrottle() {
        return get("throttle", Number.class, 32).intValue();
    }

    @DataBoundSetter
    public void setThrottle(int throttle) {
        put("throttle", throttle == 32 ? null : throttle);
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new StartExecution(context, arguments(), StepSupport.currentAuthentication());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.REMOTE_JOB, RemoteJobArguments::from, RemoteJobStep::new);
        }

        @Override
        public String getDisplayName() {
            return Messages.RemoteJobStep_displayName();
        }
    }
}
