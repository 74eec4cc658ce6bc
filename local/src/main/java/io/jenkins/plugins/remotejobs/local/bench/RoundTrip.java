package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.util.List;

/**
 * P2: a small job from start to its output in hand: {@code remoteJob} of {@code echo hi}, {@code
 * waitJob} until Completed (in controller mode that means collected and synced on the controller),
 * then {@code receiveJob}; against spawning {@code sh -c 'echo hi'}, reading its output and seeing
 * it exit. Alternating, as in P1.
 */
final class RoundTrip {

    static final double TARGET = 3.0;
    static final String SCRIPT = "echo hi";
    static final String OUTPUT = "hi\n";

    private RoundTrip() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        int total = ctx.config.warmup() + ctx.config.iterations();
        ctx.progress("P2 start -> Completed -> received: " + total + " jobs and raw spawns, alternating");
        Samples ours = new Samples();
        Samples raw = new Samples();
        Samples[] phases = {new Samples(), new Samples(), new Samples()};
        String node = ctx.nodes().get(0);
        for (int i = 0; i < total; i++) {
            long baseline = Baselines.spawnAndExit(SCRIPT, OUTPUT);
            long[] times = phases(ctx, node);
            if (i >= ctx.config.warmup()) {
                raw.add(baseline);
                ours.add(times[0] + times[1] + times[2]);
                for (int p = 0; p < phases.length; p++) {
                    phases[p].add(times[p]);
                }
            }
        }
        report.latency("P2", "start -> Completed -> received", ours, "spawn+exit sh -c 'echo hi'", raw, TARGET);
        // Where the time goes, for the profile in the docs.
        String[] names = {"remoteJob returned", "waitJob until Completed", "receiveJob returned"};
        for (int p = 0; p < phases.length; p++) {
            report.add(Row.info("P2", "  phase: " + names[p] + ", p50", phases[p].percentileMillis(50), "ms", null));
        }
    }

    /** One small job, start to received output; nanoseconds. */
    static long once(BenchContext ctx, String node) throws InterruptedException {
        long[] times = phases(ctx, node);
        return times[0] + times[1] + times[2];
    }

    /** One small job: nanoseconds until the start returned, the wait, and the receive. */
    private static long[] phases(BenchContext ctx, String node) throws InterruptedException {
        long t0 = System.nanoTime();
        JobRecord job = ctx.start(node, SCRIPT);
        long t1 = System.nanoTime();
        ctx.waitFor(List.of(job), JobState.COMPLETED);
        long t2 = System.nanoTime();
        String text = ctx.receiveText(job);
        long t3 = System.nanoTime();
        if (!OUTPUT.equals(text)) {
            throw new IllegalStateException("job " + job.id() + " returned '" + text + "' instead of 'hi'");
        }
        return new long[] {t1 - t0, t2 - t1, t3 - t2};
    }
}
