package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.util.Futures;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The six steps of {@link JobSteps} called by name ({@link StepNames#ALL}) with raw arguments: one
 * entry point for hosts that dispatch by name, as the Jenkins plugin's step executions do, and the
 * way such a host runs a step again after a controller restart interrupted it.
 */
public final class StepsByName {

    private final JobSteps steps;

    StepsByName(JobSteps steps) {
        this.steps = steps;
    }

    /**
     * Runs a step that waits ({@code waitJob}, {@code receiveJob}) without holding a thread while it
     * waits; any other step runs at once on the calling thread. Argument mistakes and unknown jobs
     * throw here; what happens later completes the future (exceptionally for a failure).
     *
     * @throws InterruptedException when a step that does not wait is interrupted
     */
    public CompletableFuture<Object> callAsync(String step, Map<String, ?> raw, Caller caller)
            throws InterruptedException {
        return switch (step) {
            case StepNames.WAIT_JOB ->
                Futures.then(steps.waitJobAsync(raw, caller), (jobs, failure) -> {
                    if (failure != null) {
                        throw failure instanceof RuntimeException r
                                ? r
                                : new java.util.concurrent.CompletionException(failure);
                    }
                    return (Object) jobs;
                });
            case StepNames.RECEIVE_JOB -> steps.receiveJobAsync(raw, caller);
            default -> CompletableFuture.completedFuture(call(step, raw, caller));
        };
    }

    /**
     * Runs the step named {@code step} (one of {@link StepNames#ALL}) with raw arguments: one entry
     * point for hosts that dispatch by name. Returns what the step returns: a {@link JobRecord}, a
     * list of them, the received text or byte count, or null.
     *
     * @throws InterruptedException when a waiting step is aborted
     */
    public Object call(String step, Map<String, ?> raw, Caller caller) throws InterruptedException {
        return switch (step) {
            case StepNames.REMOTE_JOB -> steps.remoteJob(raw, caller);
            case StepNames.GET_JOB -> steps.getJob(raw, caller);
            case StepNames.RECEIVE_JOB -> steps.receiveJob(raw, caller);
            case StepNames.WAIT_JOB -> steps.waitJob(raw, caller);
            case StepNames.STOP_JOB -> {
                steps.stopJob(raw, caller);
                yield null;
            }
            case StepNames.REMOVE_JOB -> {
                steps.removeJob(raw, caller);
                yield null;
            }
            default -> throw new IllegalArgumentException("not a step: " + step);
        };
    }

    /**
     * As {@link #call}, for a step that a controller restart interrupted and the host runs again
     * (a Jenkins step resumed after the restart): the agents of the job it acts on, which reconnect
     * only after the restart, are waited for up to the reconnect grace first, as a start waits for
     * its agent; and a removal by handle whose job is gone got that far before the restart. The
     * host must have pinned the job by handle (a {@code name:} may name another job by now).
     *
     * @throws InterruptedException when the step is aborted meanwhile
     */
    public Object callAgain(String step, Map<String, ?> raw, Caller caller) throws InterruptedException {
        JobSelector target = switch (step) {
            case StepNames.STOP_JOB -> StopJobArguments.from(raw).job();
            case StepNames.REMOVE_JOB -> RemoveJobArguments.from(raw).job();
            case StepNames.RECEIVE_JOB -> ReceiveJobArguments.from(raw).job();
            default -> null;
        };
        if (target == null) {
            return call(step, raw, caller);
        }
        if (step.equals(StepNames.REMOVE_JOB)
                && target.instanceId() != null
                && steps.manager().table().byInstanceId(target.instanceId()).isEmpty()) {
            caller.log().println("removeJob: the job was removed before the controller restarted");
            return null;
        }
        JobRecord job = steps.resolve(step, target, caller);
        if (!step.equals(StepNames.RECEIVE_JOB) || job.keepOnAgent()) {
            steps.manager().control().awaitAgentsOf(job); // a receive of collected output needs no agent
        }
        return call(step, raw, caller);
    }
}
