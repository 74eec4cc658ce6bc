package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

/**
 * How the steps that return quickly run: on a background thread (they make remote calls), as the
 * build's authentication, through the engine's one entry point; records come back as handles.
 */
final class QuickExecution extends SynchronousNonBlockingStepExecution<Object> {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final LinkedHashMap<String, Object> arguments;

    QuickExecution(String step, StepContext context, Map<String, Object> arguments) {
        super(context);
        this.step = step;
        this.arguments = new LinkedHashMap<>(arguments);
    }

    @Override
    protected Object run() throws Exception {
        try {
            // run() executes as the authentication that started the step.
            Authentication auth = StepSupport.currentAuthentication();
            return RemoteJobHandle.wrap(
                    StepSupport.steps().call(step, arguments, StepSupport.caller(getContext(), auth)));
        } catch (Exception e) {
            throw StepSupport.userFacing(e);
        }
    }
}
