package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.util.List;

/**
 * P1: {@code remoteJob} of {@code true} until it returns a Running handle, against {@link
 * ProcessBuilder#start} of {@code sh -c true}. The two alternate sample by sample, so both see the
 * same machine; each job is waited for outside the measurement, so every start finds the host idle.
 */
final class StartLatency {

    static final double TARGET = 3.0;

    private StartLatency() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        int total = ctx.config.warmup() + ctx.config.iterations();
        ctx.progress("P1 start latency: " + total + " remoteJob calls and raw spawns, alternating");
        Samples ours = new Samples();
        Samples raw = new Samples();
        String node = ctx.nodes().get(0);
        for (int i = 0; i < total; i++) {
            long baseline = Baselines.spawn("true");
            long t0 = System.nanoTime();
            JobRecord job = ctx.start(node, "true");
            long t1 = System.nanoTime();
            if (job.state() != JobState.RUNNING && job.state() != JobState.COMPLETED) {
                throw new IllegalStateException(
                        "remoteJob returned a job in state " + job.state() + ": " + job.reason());
            }
            ctx.waitFor(List.of(job), JobState.COMPLETED);
            if (i >= ctx.config.warmup()) {
                raw.add(baseline);
                ours.add(t1 - t0);
            }
        }
        report.latency("P1", "remoteJob -> Running handle", ours, "spawn sh -c true", raw, TARGET);
    }
}
