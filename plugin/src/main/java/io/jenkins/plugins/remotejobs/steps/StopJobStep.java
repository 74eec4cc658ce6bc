package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code stopJob}: stops the job's process group and its descendants on the agent (Stop-Job). */
public final class StopJobStep extends SelectorStep {

    @DataBoundConstructor
    public StopJobStep() {
        super(Map.of());
    }

    private StopJobStep(Map<String, Object> raw) {
        super(raw);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return QuickExecution.of(StepNames.STOP_JOB, context, arguments());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.STOP_JOB, StopJobArguments::from, StopJobStep::new);
        }

        @Override
        public String getDisplayName() {
            return Messages.StopJobStep_displayName();
        }
    }
}
