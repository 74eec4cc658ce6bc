package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;

/**
 * J1: a small job from start to received output ({@code remoteJob} + {@code waitJob} + {@code
 * receiveJob} of {@code echo hi}) against what a pipeline does without this plugin, {@code sh} of
 * the same command in {@code node}: allocating the executor and workspace is part of that cost, as a
 * remote job needs neither. Samples alternate, so both see the same machine. Context: the shorter
 * form of the same thing, {@code remoteJob} + {@code receiveJob wait: true}, one step fewer.
 */
final class SmallJobLane implements Lane {

    @Override
    public String id() {
        return "J1";
    }

    @Override
    public void run(Bench b) throws Exception {
        BenchSettings s = b.settings();
        b.pipeline("small-job", """
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
                        if (measured) { Timings.record('J1.sh', System.nanoTime() - inside) }
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
                        Timings.record('J1.node+sh', base)
                        Timings.record('J1.twoSteps', twoSteps)
                        Timings.record('J1.ours', ours)
                        Timings.record('J1.remoteJob', started - t0)
                        Timings.record('J1.waitJob', waited - started)
                        Timings.record('J1.receiveJob', t0 + ours - waited)
                    }
                }
                """.formatted(s.smallWarmUp() + s.smallSamples(), s.smallWarmUp(), b.agent(0)));
        Samples ours = Timings.take("J1.ours");
        Samples nodeSh = Timings.take("J1.node+sh");
        Samples sh = Timings.take("J1.sh");
        Samples start = Timings.take("J1.remoteJob");
        Samples wait = Timings.take("J1.waitJob");
        Samples receive = Timings.take("J1.receiveJob");
        Samples twoSteps = Timings.take("J1.twoSteps");
        BenchReport report = b.report();
        report.add(Row.fasterThan(
                "J1",
                "small job: remoteJob+waitJob+receiveJob vs node { sh }, p50",
                ours.medianMillis(),
                nodeSh.medianMillis(),
                "ms",
                10));
        report.add(
                Row.info("J1", "  context: sh alone inside a node already held, p50", sh.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which remoteJob, p50", start.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which waitJob, p50", wait.medianMillis(), "ms", null));
        report.add(Row.info("J1", "  of which receiveJob, p50", receive.medianMillis(), "ms", null));
        report.add(Row.infoFaster(
                "J1",
                "  context: remoteJob + receiveJob wait: true (two steps) vs node { sh }, p50",
                twoSteps.medianMillis(),
                nodeSh.medianMillis(),
                "ms"));
        report.series("J1.ours", ours.describeMillis());
        report.series("J1.remoteJob", start.describeMillis());
        report.series("J1.waitJob", wait.describeMillis());
        report.series("J1.receiveJob", receive.describeMillis());
        report.series("J1.twoSteps", twoSteps.describeMillis());
        report.series("J1.node+sh", nodeSh.describeMillis());
        report.series("J1.sh", sh.describeMillis());
    }
}
