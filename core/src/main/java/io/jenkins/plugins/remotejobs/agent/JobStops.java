package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a stop that {@code stop.properties} records: TERM to everything of the job now, and
 * KILL after the grace period. The wrapper beside the job answers the same TERM with its own KILL
 * after the same grace, so the escalation happens even when this JVM exits or is replaced before
 * its timer fires; this JVM's KILL also reaches the descendants that left the job's session (taken
 * when the stop began), which the wrapper cannot see. An agent that starts sends TERM again to
 * every job whose stop is recorded but whose processes still run: the JVM that recorded it may
 * have died before it signalled.
 */
final class JobStops implements AutoCloseable {

    private final Duration grace;
    private final JobEvents events;
    private final ScheduledExecutorService timers;

    JobStops(Duration grace, JobEvents events) {
        this.grace = grace;
        this.events = events;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "remote-jobs-stop-escalation"));
    }

    /**
     * TERM now, KILL after the grace; {@code process} is the job's wrapper. A job whose supervisor
     * runs is left to it: it sees the stop request and escalates itself, with the graceful stop of
     * its platform (on Windows a TERM from here would be a forced kill).
     */
    void signal(CachedJob job, JobProcess process) {
        if (process.keeper() != null && process.keeper().isAlive()) {
            return;
        }
        List<ProcessHandle> tree = process.treeNow();
        ProcessGroupSignals.terminate(process, tree);
        timers.schedule(
                () -> {
                    ProcessGroupSignals.kill(process, tree);
                    events.changed(job.instanceId);
                },
                grace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** After an agent restart: a recorded stop whose processes still run is signalled again. */
    void rearm(CachedJob job) {
        JobProcess process = job.process();
        if (job.stopRequested() && job.end() == null && process != null && process.isAlive()) {
            signal(job, process);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
