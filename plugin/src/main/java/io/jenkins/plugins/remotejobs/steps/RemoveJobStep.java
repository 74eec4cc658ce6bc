package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.springframework.security.core.Authentication;

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
                StepSupport.steps().removeJob(arguments, StepSupport.caller(getContext(), auth));
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
            return StepNames.REMOVE_JOB;
        }

        @Override
        public String getDisplayName() {
            return Messages.RemoveJobStep_displayName();
        }

        @Override
        void validate(Map<String, Object> arguments) {
            RemoveJobArguments.from(arguments);
        }

        @Override
        Step create(Map<String, Object> arguments) {
            return new RemoveJobStep(arguments);
        }
    }
}
