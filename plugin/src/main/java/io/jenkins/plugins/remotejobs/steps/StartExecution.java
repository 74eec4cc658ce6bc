package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.BuildCaller;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * {@code remoteJob}: starts the job under an instance id fixed (and persisted) before anything
 * happens, so that a controller restart in the middle of the start (while it waits for an agent
 * to connect, or before the agent confirmed the launch) resumes the same start: the engine finds
 * the job by that id, launches again only what is not confirmed, and nothing starts twice. The
 * {@code env:} values are kept encrypted, never in plain text on the controller's disk.
 */
final class StartExecution extends ResumableExecution {

    private static final long serialVersionUID = 1L;

    /** The step's arguments but {@code env:}, whose values are kept in {@link #env} alone. */
    private final LinkedHashMap<String, Object> arguments;

    private final EncryptedEnv env;
    private final String instanceId;

    StartExecution(StepContext context, Map<String, Object> arguments, Authentication auth)
            throws IOException, InterruptedException {
        super(context, auth);
        this.arguments = new LinkedHashMap<>(arguments);
        this.env = this.arguments.remove("env") instanceof List<?> given ? EncryptedEnv.of(given) : null;
        this.instanceId = instanceIdOf(context);
        if (env != null) {
            MaskedEnvArguments.replaceOn(context.get(FlowNode.class));
        }
    }

    /**
     * The step's call ({@link StepSupport#callIdOf}): a step run again after a crash before
     * Pipeline saved this execution gets the same id, so it re-sends its launches (which the agents
     * adopt) instead of starting the job a second time.
     */
    private static String instanceIdOf(StepContext context) throws IOException, InterruptedException {
        String call = StepSupport.callIdOf(context);
        return call != null ? call : JobIds.newInstanceId();
    }

    @Override
    Object work(Authentication auth) throws Exception {
        return StepSupport.steps().remoteJob(allArguments(), StepSupport.caller(getContext(), auth), instanceId);
    }

    /**
     * When every agent of the job is connected, the step is done on the CPS thread once the job is
     * recorded and its launches are on their way, as an {@code echo} is: the handle is {@code
     * NotStarted} until the agents answer. The record is on the disk first unless the build's
     * durability does not persist with every step (performance-optimized), where a power loss ends
     * the build anyway. A start that would have to wait for an agent is begun as usual, off the
     * CPS thread and resumable.
     */
    @Override
    Optional<Object> doneAlready(Authentication auth) throws Exception {
        Optional<BuildCaller> caller = StepSupport.callerWithoutWaiting(getContext(), auth);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        return StepSupport.steps()
                .remoteJobWithoutWaiting(allArguments(), caller.get(), instanceId, persistsEveryStep())
                .map(job -> job);
    }

    private boolean persistsEveryStep() throws IOException, InterruptedException {
        FlowExecution execution = getContext().get(FlowExecution.class);
        return execution == null || execution.getDurabilityHint().isPersistWithEveryStep();
    }

    private Map<String, Object> allArguments() {
        Map<String, Object> all = new LinkedHashMap<>(arguments);
        if (env != null) {
            all.put("env", env.values());
        }
        return all;
    }

    @Override
    public String getStatus() {
        return Messages.StartExecution_status(instanceId);
    }
}
