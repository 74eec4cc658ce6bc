package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * {@code remoteJob}: starts the job under an instance id chosen (and persisted) before anything
 * happens, so that a controller restart in the middle of the start (while it waits for an agent
 * to connect, or before the agent confirmed the launch) resumes the same start: the engine finds
 * the job by that id, launches again only what is not confirmed, and nothing starts twice.
 */
final class StartExecution extends ResumableExecution {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> arguments;
    private final String instanceId = JobIds.newInstanceId();

    StartExecution(StepContext context, Map<String, Object> arguments, Authentication auth) {
        super(context, auth);
        this.arguments = new LinkedHashMap<>(arguments);
    }

    @Override
    Object work(Authentication auth) throws Exception {
        return StepSupport.steps().remoteJob(arguments, StepSupport.caller(getContext(), auth), instanceId);
    }

    @Override
    public String getStatus() {
        return Messages.StartExecution_status(instanceId);
    }
}
