package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.util.Optional;

/**
 * When a wait on a job is over ({@code waitJob}, {@code receiveJob wait: true}, the freestyle
 * waits): every child finished, or, without {@code force}, away longer than the reconnect grace. A
 * disconnection is a passing state: while an agent is away for less than the grace (a blip, an
 * agent restart, a controller restart), the wait goes on, and the check says when to look again
 * even if no event comes.
 *
 * @param ended the wait is over (also when the job was removed)
 * @param gaveUp it is over because an agent stayed away past the grace (the job is {@code Disconnected})
 * @param recheckMillis when the grace of some away agent runs out, from now; {@code Long.MAX_VALUE} for never
 */
record WaitRule(boolean ended, boolean gaveUp, long recheckMillis) {

    static WaitRule check(JobManager manager, long jobId, boolean force) {
        Optional<JobRecord> job = manager.table().get(jobId);
        if (job.isEmpty()) {
            return new WaitRule(true, false, Long.MAX_VALUE);
        }
        long now = System.currentTimeMillis();
        long grace = manager.limits().reconnectGrace().toMillis();
        boolean ended = true;
        boolean gaveUp = false;
        long recheck = Long.MAX_VALUE;
        for (JobRecord child : manager.children(job.get())) {
            if (child.state().isFinished()) {
                continue;
            }
            if (child.state() == JobState.DISCONNECTED && !force) {
                long left = manager.awaySince(child.disconnectedAt()) + grace - now;
                if (left <= 0) {
                    gaveUp = true;
                    continue;
                }
                recheck = Math.min(recheck, left);
            }
            ended = false;
        }
        return new WaitRule(ended, ended && gaveUp, recheck);
    }

    /** How long a waiter may sleep before it must look again: until the deadline, an event, or a grace running out. */
    long sleepMillis(long leftNanos) {
        long untilDeadline = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(leftNanos) + 1;
        // No grace running out (Long.MAX_VALUE) must not wrap round to a 1 ms busy poll.
        long untilGraceEnds = recheckMillis == Long.MAX_VALUE ? Long.MAX_VALUE : recheckMillis + 1;
        return Math.max(1, Math.min(Math.min(untilDeadline, untilGraceEnds), 60_000));
    }
}
