package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.WorkspaceUnreachableException;
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
 * how much was received before. So is the node of a workspace file: nothing of a file counts until
 * it is in place, so the file is begun again from the start once its node is back.
 */
final class ReceiveUntilEnd implements AutoCloseable {

    private final Receiving receiving;
    private final long deadline;
    private final long grace;
    /** Where the output goes; none while the workspace's node is away, until it is begun again. */
    private Delivery out;

    private ReceivePass pass;
    private long total;
    private long unreachableSince;
    private long workspaceAwaySince;
    private boolean toldTimeout;

    /**
     * @throws JobException when the file cannot be written for any reason but its node being away
     */
    ReceiveUntilEnd(Receiving receiving) {
        this.receiving = receiving;
        this.grace = receiving.manager().limits().reconnectGrace().toNanos();
        Long timeout = receiving.spec().timeoutSeconds();
        this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        try {
            begin(); // here, not in the first round: a file that cannot be written fails before any wait
        } catch (WorkspaceUnreachableException e) {
            workspaceAwaySince = System.nanoTime(); // looked for again in the first round
        }
    }

    /** Where the output went; {@code null} when its workspace stayed away. */
    Delivery delivery() {
        return out;
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
            if (out == null) {
                begin();
            }
            total += pass.once(total);
            if (rule.ended()) {
                // Ended before this pass read: everything it will ever have is now received.
                total += pass.once(total);
                if (rule.gaveUp()) {
                    log.println("receiveJob: job " + id + " is Disconnected: its agent stayed away"
                            + " longer than the reconnect grace of " + seconds(grace)
                            + " s; stopped waiting");
                }
                return done();
            }
            unreachableSince = 0;
        } catch (WorkspaceUnreachableException e) {
            beginAgainLater(e);
            rule = new WaitRule(false, false, 1_000); // its node's return is no event here: look again soon
        } catch (AgentUnreachableException e) {
            long now = System.nanoTime();
            unreachableSince = unreachableSince == 0 ? now : unreachableSince;
            if (rule.ended() || now - unreachableSince >= grace) {
                throw new AgentUnreachableException(
                        e.getMessage() + " (waited the reconnect grace of " + seconds(grace) + " s for it)");
            }
            rule = new WaitRule(false, false, 1_000); // no agent, no event: look again soon
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 && out != null) {
            if (!toldTimeout) {
                log.println("receiveJob: stopped waiting after "
                        + receiving.spec().timeoutSeconds() + " s; job " + id
                        + " is "
                        + manager.info(id).map(JobInfo::state).orElse(JobState.LOST));
                toldTimeout = true;
            }
            try {
                return done();
            } catch (WorkspaceUnreachableException e) {
                beginAgainLater(e); // what arrived so far is delivered once the node is back
                rule = new WaitRule(false, false, 1_000);
            }
        }
        // Past the deadline only a workspace away keeps the receive here: look for it again soon.
        return Waits.Outcome.notYet(left > 0 ? rule.sleepMillis(left) : 1_000);
    }

    /** Puts a file in place here, where losing its node can still be waited out. */
    private Waits.Outcome<Long> done() throws IOException {
        out.finish();
        return Waits.Outcome.done(total);
    }

    private void begin() throws WorkspaceUnreachableException {
        out = Delivery.of(receiving);
        pass = new ReceivePass(receiving, out);
        total = 0;
        workspaceAwaySince = 0;
    }

    /** Drops the file written so far (none of it was consumed) and waits for its node, up to the grace. */
    private void beginAgainLater(WorkspaceUnreachableException e) {
        close();
        out = null;
        long now = System.nanoTime();
        workspaceAwaySince = workspaceAwaySince == 0 ? now : workspaceAwaySince;
        if (now - workspaceAwaySince >= grace) {
            throw new JobException(
                    "receiveJob: cannot write '" + receiving.spec().file() + "': " + e.getMessage()
                            + " (waited the reconnect grace of " + seconds(grace) + " s for it); nothing was consumed");
        }
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
