package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * The steps that do not wait: {@code getJob}, {@code stopJob}, {@code removeJob} and a {@code
 * receiveJob} without {@code wait}. Their work runs on a pool thread (it may call an agent), as the
 * build's authentication, through the engine's one entry point; a controller restart in the middle
 * runs it again after the restart instead of failing the build ({@link StepsByName#callAgain}: its
 * agents are waited for as they reconnect). Running again is safe: the job a stop or a removal acts
 * on is resolved once, as the step starts (a {@code name:} could name another job later), and a
 * removal that the restart finds done is done.
 */
final class QuickExecution extends ResumableExecution {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final LinkedHashMap<String, Object> arguments;
    private transient boolean resumed;

    private QuickExecution(String step, StepContext context, Map<String, Object> arguments, Authentication auth) {
        super(context, auth);
        this.step = step;
        this.arguments = new LinkedHashMap<>(arguments);
    }

    /**
     * The execution of {@code step}; for a stop or a removal, with its job resolved now.
     *
     * @throws Exception a user's mistake (no such job, one the build may not reach) as the step's failure
     */
    static QuickExecution of(String step, StepContext context, Map<String, Object> arguments) throws Exception {
        Authentication auth = StepSupport.currentAuthentication();
        if (!step.equals(StepNames.STOP_JOB) && !step.equals(StepNames.REMOVE_JOB)) {
            return new QuickExecution(step, context, arguments, auth);
        }
        try {
            JobSelector selector = step.equals(StepNames.STOP_JOB)
                    ? StopJobArguments.from(arguments).job()
                    : RemoveJobArguments.from(arguments).job();
            JobRecord job = StepSupport.steps().resolve(step, selector, StepSupport.caller(context, auth));
            Map<String, Object> pinned = new LinkedHashMap<>(arguments);
            pinned.remove("id");
            pinned.remove("name");
            pinned.put("job", new RemoteJobHandle(job.id(), job.instanceId()));
            return new QuickExecution(step, context, pinned, auth);
        } catch (Exception e) {
            throw StepSupport.userFacing(e);
        }
    }

    /**
     * A text {@code receiveJob} that needs no agent call (its output in the controller's spool) is
     * over at once, on the CPS thread, as an {@code echo} is: it reads the local spool and, to
     * consume, journals the consumed offsets and waits for their sync before the text is handed
     * out, the same group commit {@code remoteJob} waits for there. Going asynchronous would cost
     * more than that sync: a step that does not finish in {@code start()} is another turn of the
     * build's program.
     */
    @Override
    Optional<Object> doneAlready(Authentication auth) throws Exception {
        if (!step.equals(StepNames.RECEIVE_JOB)) {
            return Optional.empty();
        }
        return StepSupport.steps().receiveJobDoneAlready(arguments, StepSupport.caller(getContext(), auth));
    }

    @Override
    Object work(Authentication auth) throws Exception {
        JobSteps steps = StepSupport.steps();
        return resumed
                ? steps.byName().callAgain(step, arguments, StepSupport.caller(getContext(), auth))
                : steps.byName().call(step, arguments, StepSupport.caller(getContext(), auth));
    }

    @Override
    public void onResume() {
        resumed = true;
        super.onResume();
    }

    @Override
    public String getStatus() {
        return Messages.QuickExecution_status(step);
    }
}
