package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * {@code waitJob} and {@code receiveJob wait: true}: wait until jobs end without holding the CPS
 * thread, an executor, or any thread of their own. Persists its arguments and when it started; after a restart it waits
 * again for what is left of its timeout, and agents that reconnect within the reconnect grace do
 * not end the wait.
 */
final class WaitingExecution extends ResumableExecution {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final LinkedHashMap<String, Object> arguments;
    private final long startedAt = System.currentTimeMillis();
    /**
     * How far each child's stream is shown in the build log, saved with the step: a {@code receiveJob
     * wait: true} resumed after a restart shows nothing twice (with {@code keep: true}, nothing was
     * consumed, so it would otherwise stream everything again).
     */
    private final ConcurrentHashMap<String, Long> shown = new ConcurrentHashMap<>();

    WaitingExecution(String step, StepContext context, Map<String, Object> arguments, Authentication auth) {
        super(context, auth);
        this.step = step;
        this.arguments = new LinkedHashMap<>(arguments);
    }

    /**
     * Holds no thread while it waits: the engine completes the future when the jobs end. Begun off
     * the CPS thread, since a receive into a file prepares that file on the agent.
     */
    @Override
    CompletableFuture<Object> begin(Authentication auth) throws Exception {
        Map<String, Object> now = remainingArguments();
        return beginOffCps(
                () -> StepSupport.steps().byName().callAsync(step, now, StepSupport.caller(getContext(), auth, shown)));
    }

    /** A {@code waitJob} whose jobs have all ended is over at once (a receive may call an agent). */
    @Override
    Optional<Object> doneAlready(Authentication auth) throws Exception {
        if (!step.equals(StepNames.WAIT_JOB)) {
            return Optional.empty();
        }
        return StepSupport.steps()
                .waitJobEndedAlready(arguments, StepSupport.caller(getContext(), auth, shown))
                .map(jobs -> jobs);
    }

    /** The arguments with {@code timeout} reduced by the time already waited before a restart. */
    private Map<String, Object> remainingArguments() {
        LinkedHashMap<String, Object> now = new LinkedHashMap<>(arguments);
        if (now.get("timeout") instanceof Number timeout) {
            long spent = (System.currentTimeMillis() - startedAt) / 1000;
            now.put("timeout", Math.max(0, timeout.longValue() - spent));
        }
        return now;
    }

    @Override
    public String getStatus() {
        return Messages.WaitingExecution_status(step);
    }
}
