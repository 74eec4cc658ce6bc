package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code receiveJob}: a job's output (Receive-Job), as text or into a workspace file; with {@code
 * wait} it streams into the log until the job ends, surviving a controller restart.
 */
public final class ReceiveJobStep extends OneJobStep {

    @DataBoundConstructor
    public ReceiveJobStep() {}

    @DataBoundSetter
    public void setKeep(boolean keep) {
        putFlag("keep", keep);
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        putFlag("wait", wait);
    }

    @DataBoundSetter
    public void setAutoRemove(boolean autoRemove) {
        putFlag("autoRemove", autoRemove);
    }

    @DataBoundSetter
    public void setStream(String stream) {
        putText("stream", stream, "stdout");
    }

    @DataBoundSetter
    public void setEncoding(String encoding) {
        putText("encoding", encoding);
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    @DataBoundSetter
    public void setFile(String file) {
        putText("file", file);
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        putFlag("quiet", quiet);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return flag("wait")
                ? new WaitingExecution(StepNames.RECEIVE_JOB, context, arguments(), StepSupport.currentAuthentication())
                : super.start(context);
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(
                    StepNames.RECEIVE_JOB,
                    ReceiveJobArguments::from,
                    ReceiveJobStep::new,
                    Messages::ReceiveJobStep_displayName);
        }
    }
}
