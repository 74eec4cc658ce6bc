package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.springframework.security.core.Authentication;

/**
 * {@code receiveJob}: a job's output (Receive-Job), as text or into a workspace file; with {@code
 * wait} it streams into the log until the job ends, surviving a controller restart.
 */
public final class ReceiveJobStep extends SelectorStep {

    @DataBoundConstructor
    public ReceiveJobStep() {
        super(Map.of());
    }

    private ReceiveJobStep(Map<String, Object> raw) {
        super(raw);
    }

    public boolean isKeep() {
        return get("keep", Boolean.class, false);
    }

    @DataBoundSetter
    public void setKeep(boolean keep) {
        put("keep", keep ? Boolean.TRUE : null);
    }

    public boolean isWait() {
        return get("wait", Boolean.class, false);
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        put("wait", wait ? Boolean.TRUE : null);
    }

    public boolean isAutoRemove() {
        return get("autoRemove", Boolean.class, false);
    }

    @DataBoundSetter
    public void setAutoRemove(boolean autoRemove) {
        put("autoRemove", autoRemove ? Boolean.TRUE : null);
    }

    public String getStream() {
        return get("stream", String.class, "stdout");
    }

    @DataBoundSetter
    public void setStream(String stream) {
        put("stream", "stdout".equals(stream) ? null : RemoteJobStep.emptyToNull(stream));
    }

    public String getEncoding() {
        return get("encoding", String.class, null);
    }

    @DataBoundSetter
    public void setEncoding(String encoding) {
        put("encoding", RemoteJobStep.emptyToNull(encoding));
    }

    public Integer getTimeout() {
        Number n = get("timeout", Number.class, null);
        return n == null ? null : n.intValue();
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    public String getFile() {
        return get("file", String.class, null);
    }

    @DataBoundSetter
    public void setFile(String file) {
        put("file", RemoteJobStep.emptyToNull(file));
    }

    public boolean isQuiet() {
        return get("quiet", Boolean.class, false);
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        put("quiet", quiet ? Boolean.TRUE : null);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Authentication auth = StepSupport.currentAuthentication();
        return isWait()
                ? new WaitingExecution(StepNames.RECEIVE_JOB, context, arguments(), auth)
                : QuickExecution.of(StepNames.RECEIVE_JOB, context, arguments());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.RECEIVE_JOB, ReceiveJobArguments::from, ReceiveJobStep::new);
        }

        @Override
        public String getDisplayName() {
            return Messages.ReceiveJobStep_displayName();
        }
    }
}
