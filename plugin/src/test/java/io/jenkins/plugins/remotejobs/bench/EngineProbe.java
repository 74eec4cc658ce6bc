package io.jenkins.plugins.remotejobs.bench;

import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import io.jenkins.plugins.remotejobs.BuildCaller;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.steps.RemoteJobHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launch without the Pipeline step around it: the engine's {@code remoteJob} called directly,
 * for the same build, over the same remoting channel, and timed. Set beside a {@code remoteJob}
 * step it splits the step's cost into the launch and what Pipeline adds. Called from the pipeline
 * itself (so it blocks the CPS thread for the launch, which a measurement may do and a step must
 * not); public for that.
 */
public final class EngineProbe {

    private EngineProbe() {}

    /** Starts {@code script} on {@code node}, records the launch's nanoseconds under {@code key} if asked. */
    public static RemoteJobHandle launch(Run<?, ?> build, String node, String key, boolean measured) throws Exception {
        BuildCaller caller = new BuildCaller(build, TaskListener.NULL, null, ACL.SYSTEM2);
        long t = System.nanoTime();
        JobRecord job = RemoteJobsService.get().steps().remoteJob(Map.of("node", node, "script", "true"), caller);
        long took = System.nanoTime() - t;
        if (measured) {
            Timings.record(key, took);
        }
        return new RemoteJobHandle(job.id(), job.instanceId());
    }

    /**
     * Waits (up to ten minutes) until no launch of these jobs is on its way, by the engine's own
     * completion of each launch, not by polling their states.
     */
    public static void awaitLaunched(List<RemoteJobHandle> handles) throws Exception {
        var manager = RemoteJobsService.get().steps().manager();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (RemoteJobHandle h : handles) {
            JobRecord job = manager.table().get(h.getId()).orElseThrow();
            manager.starter().launchesSettled(job).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
