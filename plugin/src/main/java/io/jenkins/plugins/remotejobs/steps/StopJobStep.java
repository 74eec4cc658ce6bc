package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.springframework.security.core.Authentication;

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
    public StepExecution start(StepContext context) {
        return new Execution(context, arguments(), StepSupport.currentAuthentication());
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Object> arguments;
        private final transient Authentication auth;

        Execution(StepContext context, Map<String, Object> arguments, Authentication auth) {
            super(context);
            this.arguments = arguments;
            this.auth = auth;
        }

        @Override
        protected Void run() throws Exception {
            try {
                StepSupport.steps().stopJob(arguments, StepSupport.caller(getContext(), auth));
                return null;
            } catch (Exception e) {
                throw StepSupport.userFacing(e);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        @Override
        public String getFunctionName() {
            return StepNames.STOP_JOB;
        }

        @Override
        public String getDisplayName() {
            return Messages.StopJobStep_displayName();
        }

        @Override
        void validate(Map<String, Object> arguments) {
            StopJobArguments.from(arguments);
        }

        @Override
        Step create(Map<String, Object> arguments) {
            return new StopJobStep(arguments);
        }
    }
}
