package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint;

/**
 * J2: what one {@code remoteJob} step costs the pipeline until it has its handle (the job started
 * on the agent, Running), against one {@code echo}, the cheapest step there is. Alternating, one
 * of each per sample; the job is waited for and removed outside the measurement. Context: {@code
 * waitJob} on a job that has already ended, the cost of an asynchronous step of this plugin that
 * does no remote work; and the same pipeline again with the build's durability set to
 * performance-optimized, which shows how much of a step's cost is Pipeline saving the program; and
 * the launch alone, the engine called directly for the same build ({@link EngineProbe}).
 */
final class StepCostLane implements Lane {

    @Override
    public String id() {
        return "J2";
    }

    @Override
    public void run(Bench b) throws Exception {
        measure(b, "step-cost", "J2", null);
        measure(b, "step-cost-performance-optimized", "J2po", FlowDurabilityHint.PERFORMANCE_OPTIMIZED);
        Samples ours = Timings.take("J2.remoteJob");
        Samples echo = Timings.take("J2.echo");
        Samples waited = Timings.take("J2.waitJob");
        Samples oursFast = Timings.take("J2po.remoteJob");
        Samples echoFast = Timings.take("J2po.echo");
        Samples waitedFast = Timings.take("J2po.waitJob");
        Samples launch = Timings.take("J2.launch");
        Samples launchFast = Timings.take("J2po.launch");
        BenchReport report = b.report();
        report.add(Row.ratioAtMost(
                "J2", "one remoteJob step vs one echo step, p50", ours.medianMillis(), echo.medianMillis(), "ms", 2));
        report.add(Row.info(
                "J2",
                "  context: waitJob on an ended job (async step, no remote call), p50",
                waited.medianMillis(),
                "ms",
                echo.medianMillis()));
        report.add(Row.info(
                "J2",
                "  context: the launch alone (engine call, no Pipeline step), p50",
                launch.medianMillis(),
                "ms",
                echo.medianMillis()));
        report.add(Row.info(
                "J2",
                "  context: same as J2, durability performance-optimized, p50",
                oursFast.medianMillis(),
                "ms",
                echoFast.medianMillis()));
        report.add(Row.info(
                "J2",
                "  context: waitJob on an ended job, performance-optimized, p50",
                waitedFast.medianMillis(),
                "ms",
                echoFast.medianMillis()));
        report.series("J2.remoteJob", ours.describeMillis());
        report.series("J2.echo", echo.describeMillis());
        report.series("J2.waitJob", waited.describeMillis());
        report.series("J2po.remoteJob", oursFast.describeMillis());
        report.series("J2po.echo", echoFast.describeMillis());
        report.series("J2po.waitJob", waitedFast.describeMillis());
        report.series("J2.launch", launch.describeMillis());
        report.series("J2po.launch", launchFast.describeMillis());
    }

    private static void measure(Bench b, String name, String key, FlowDurabilityHint durability) throws Exception {
        BenchSettings s = b.settings();
        b.pipeline(name, """
                for (int i = 0; i < %d; i++) {
                    boolean measured = i >= %d
                    long t = System.nanoTime()
                    echo 'x'
                    long echoed = System.nanoTime() - t
                    t = System.nanoTime()
                    def j = remoteJob node: '%s', script: 'true'
                    long started = System.nanoTime() - t
                    waitJob jobs: [j]
                    t = System.nanoTime()
                    waitJob jobs: [j]
                    long waited = System.nanoTime() - t
                    if ("${j.state}" != 'Completed') { error "J2: job ${j.id} ended ${j.state}" }
                    removeJob job: j
                    def direct = EngineProbe.launch(currentBuild.rawBuild, '%3$s', '%4$s.launch', measured)
                    waitJob jobs: [direct]
                    if ("${direct.state}" != 'Completed') { error "J2: job ${direct.id} ended ${direct.state}" }
                    removeJob job: direct
                    if (measured) {
                        Timings.record('%4$s.echo', echoed)
                        Timings.record('%4$s.remoteJob', started)
                        Timings.record('%4$s.waitJob', waited)
                    }
                }
                """.formatted(s.stepWarmUp() + s.stepSamples(), s.stepWarmUp(), b.agent(0), key), durability);
    }
}
