package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;

/**
 * J1: a small job from start to received output ({@code remoteJob} + {@code waitJob} + {@code
 * receiveJob} of {@code echo hi}) against what a pipeline does without this plugin, {@code sh} of
 * the same command in {@code node}: allocating the executor and workspace is part of that cost, as a
 * remote job needs neither. Samples alternate, so both see the same machine. Context: the shorter
 * form of the same thing, {@code remoteJob} + {@code receiveJob wait: true}, one step fewer. In
 * Jenkins' default durability and again performance-optimized.
 */
final class SmallJobLane implements Durability.Measured {

    @Override
    public void measure(Bench b, Durability durability) throws Exception {
        BenchSettings s = b.settings();
        String key = durability.key("J1");
        String setting = durability.setting;
        b.pipeline(
                durability.pipeline("small-job"),
                """
                for (int i = 0; i < %d; i++) {
                    boolean measured = i >= %d
                    long t0 = System.nanoTime()
                    def j = remoteJob node: '%s', script: 'echo hi'
                    long started = System.nanoTime()
                    waitJob jobs: [j]
                    long waited = System.nanoTime()
                    String out = receiveJob job: j, quiet: true
                    long ours = System.nanoTime() - t0
                    if (out != 'hi\\n') { error "J1: received '${out}'" }
                    removeJob job: j
                    long t = System.nanoTime()
                    node('%3$s') {
                        long inside = System.nanoTime()
                        String got = sh script: 'echo hi', returnStdout: true
                        if (measured) { Timings.record('%4$s.sh', System.nanoTime() - inside) }
                        if (got != 'hi\\n') { error "J1: sh returned '${got}'" }
                    }
                    long base = System.nanoTime() - t
                    t = System.nanoTime()
                    def j2 = remoteJob node: '%3$s', script: 'echo hi'
                    String streamed = receiveJob job: j2, wait: true, quiet: true
                    long twoSteps = System.nanoTime() - t
                    if (streamed != 'hi\\n') { error "J1: received '${streamed}' with wait: true" }
                    removeJob job: j2
                    if (measured) {
                        Timings.record('%4$s.node+sh', base)
                        Timings.record('%4$s.twoSteps', twoSteps)
                        Timings.record('%4$s.ours', ours)
                        Timings.record('%4$s.remoteJob', started - t0)
                        Timings.record('%4$s.waitJob', waited - started)
                        Timings.record('%4$s.receiveJob', t0 + ours - waited)
                    }
                }
                """.formatted(s.smallWarmUp() + s.smallSamples(), s.smallWarmUp(), b.agent(0), key),
                durability.hint);
        Samples ours = Timings.take(key + ".ours");
        Samples nodeSh = Timings.take(key + ".node+sh");
        Samples sh = Timings.take(key + ".sh");
        Samples start = Timings.take(key + ".remoteJob");
        Samples wait = Timings.take(key + ".waitJob");
        Samples receive = Timings.take(key + ".receiveJob");
        Samples twoSteps = Timings.take(key + ".twoSteps");
        BenchReport report = b.report();
        report.add(Row.fasterThan(
                "J1",
                "small job: remoteJob+waitJob+receiveJob vs node { sh }, p50" + setting,
                ours.medianMillis(),
                nodeSh.medianMillis(),
                "ms",
                10));
        report.add(Row.info(
                "J1", "  context: sh alone inside a node already held, p50" + setting, sh.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which remoteJob, p50" + setting, start.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which waitJob, p50" + setting, wait.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which receiveJob, p50" + setting, receive.medianMillis(), "ms", null));
        report.add(Row.infoFaster(
                "J1",
                "  context: remoteJob + receiveJob wait: true (two steps) vs node { sh }, p50" + setting,
                twoSteps.medianMillis(),
                nodeSh.medianMillis(),
                "ms"));
        report.series(key + ".ours", ours.describeMillis());
        report.series(key + ".remoteJob", start.describeMillis());
        report.series(key + ".waitJob", wait.describeMillis());
        report.series(key + ".receiveJob", receive.describeMillis());
        report.series(key + ".twoSteps", twoSteps.describeMillis());
        report.series(key + ".node+sh", nodeSh.describeMillis());
        report.series(key + ".sh", sh.describeMillis());
    }
}
