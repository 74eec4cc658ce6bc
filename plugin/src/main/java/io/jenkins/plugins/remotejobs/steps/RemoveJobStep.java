package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code removeJob}: deletes the job everywhere; a running one only with {@code force} (Remove-Job). */
public final class RemoveJobStep extends SelectorStep {

    @DataBoundConstructor
    public RemoveJobStep() {
        super(Map.of());
    }

    private RemoveJobStep(Map<String, Object> raw) {
        super(raw);
    }

    public boolean isForce() {
        return get("force", Boolean.class, false);
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        put("force", force ? Boolean.TRUE : null);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return QuickExecution.of(StepNames.REMOVE_JOB, context, arguments());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.REMOVE_JOB, RemoveJobArguments::from, RemoveJobStep::new);
        }

        @Override
        public String getDisplayName() {
            return Messages.RemoveJobStep_displayName();
        }
    }
}
