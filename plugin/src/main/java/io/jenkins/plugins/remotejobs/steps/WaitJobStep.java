package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code waitJob}: blocks until all (or any) of the jobs ended (Wait-Job), without holding an
 * executor; survives a controller restart and can be aborted.
 */
public final class WaitJobStep extends ArgumentsStep {

    @DataBoundConstructor
    public WaitJobStep() {
        super(Map.of());
    }

    private WaitJobStep(Map<String, Object> raw) {
        super(raw);
    }

    @SuppressWarnings("unchecked")
    public List<Object> getJobs() {
        return get("jobs", List.class, null);
    }

    @DataBoundSetter
    public void setJobs(List<Object> jobs) {
        put("jobs", jobs == null ? null : new ArrayList<>(jobs));
    }

    public boolean isAny() {
        return get("any", Boolean.class, false);
    }

    @DataBoundSetter
    public void setAny(boolean any) {
        put("any", any ? Boolean.TRUE : null);
    }

    public Integer getTimeout() {
        Number n = get("timeout", Number.class, null);
        return n == null ? null : n.intValue();
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    public boolean isForce() {
        return get("force", Boolean.class, false);
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        put("force", force ? Boolean.TRUE : null);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new WaitingExecution(StepNames.WAIT_JOB, context, arguments(), StepSupport.currentAuthentication());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        @Override
        public String getFunctionName() {
            return StepNames.WAIT_JOB;
        }

        @Override
        public String getDisplayName() {
            return Messages.WaitJobStep_displayName();
        }

        @Override
        void validate(Map<String, Object> arguments) {
            WaitJobArguments.from(arguments);
        }

        @Override
        Step create(Map<String, Object> arguments) {
            return new WaitJobStep(arguments);
        }
    }
}
