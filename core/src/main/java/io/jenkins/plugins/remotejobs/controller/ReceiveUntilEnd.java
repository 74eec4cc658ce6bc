package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.waits.Waits;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Receives until the job ends ({@link WaitRule}: an agent away for less than the reconnect
 * grace does not end it), streaming as output arrives: each {@link #round} receives what is
 * there now and says whether the job ended. An agent that keeps the output and cannot be reached
 * is waited for like any other disconnection; only past the grace does the receive fail, saying
 * how much was received before.
 */
final class ReceiveUntilEnd {

    /** One pass that receives what is there now, given how much was received before; returns the bytes. */
    @FunctionalInterface
    interface Pass {
        long receive(long alreadyReceived) throws IOException;
    }

    private final Receiving receiving;
    private final Pass pass;
    private final long deadline;
    private final long grace;
    private long total;
    private long unreachableSince;

    ReceiveUntilEnd(Receiving receiving, Pass pass) {
        this.receiving = receiving;
        this.pass = pass;
        this.grace = receiving.manager().limits().reconnectGrace().toNanos();
        Long timeout = receiving.spec().timeoutSeconds();
        this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    }

    Waits.Outcome<Long> round() throws IOException {
        JobManager manager = receiving.manager();
        long id = receiving.job().id();
        BuildLog log = receiving.caller().log();
        if (manager.table().get(id).isEmpty()) {
            throw new JobException("job " + id + " was removed while it was received");
        }
        WaitRule rule = WaitRule.check(manager, id, false);
        try {
            total += pass.receive(total);
            if (rule.ended()) {
                // Ended before this pass read: everything it will ever have is now received.
                total += pass.receive(total);
                if (rule.gaveUp()) {
                    log.println("receiveJob: job " + id + " is Disconnected: its agent stayed away"
                            + " longer than the reconnect grace of " + grace / 1_000_000_000L
                            + " s; stopped waiting");
                }
                return Waits.Outcome.done(total);
            }
            unreachableSince = 0;
        } catch (AgentUnreachableException e) {
            long now = System.nanoTime();
            unreachableSince = unreachableSince == 0 ? now : unreachableSince;
            if (rule.ended() || now - unreachableSince >= grace) {
                throw new AgentUnreachableException(
                        e.getMessage() + " (waited the reconnect grace of " + grace / 1_000_000_000L + " s for it)");
            }
            rule = new WaitRule(false, false, 1_000); // no agent, no event: look again soon
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            log.println("receiveJob: stopped waiting after "
                    + receiving.spec().timeoutSeconds() + " s; job " + id
                    + " is "
                    + manager.info(id).map(JobInfo::state).orElse(JobState.LOST));
            return Waits.Outcome.done(total);
        }
        return Waits.Outcome.notYet(rule.sleepMillis(left));
    }
}
