package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;

/**
 * J2: what one {@code remoteJob} step costs the pipeline until it has its handle (the job recorded
 * and its launch on its way, or, when its agent must be waited for, started), against one {@code
 * echo}, the cheapest step there is; and what a {@code waitJob} on the ended job and a {@code
 * receiveJob} of its collected output cost against the same {@code echo}. Alternating, one of
 * each per sample; the job is waited for and removed outside the measurement. All of it twice: in
 * Jenkins' default durability and performance-optimized (where Pipeline does not save the program
 * with every step, so an {@code echo} costs about a millisecond). Context: the launch alone, the
 * engine called directly for the same build ({@link EngineProbe}).
 */
final class StepCostLane implements Lane {

    @Override
    public void run(Bench b) throws Exception {
        Durability.inEach(StepCostLane::measure).run(b);
        for (Durability durability : Durability.values()) {
            report(b.report(), durability.key("J2"), durability.setting);
        }
    }

    /** The rows of one durability setting, each against the {@code echo} of the same samples. */
    private static void report(BenchReport report, String key, String setting) {
        Samples ours = Timings.take(key + ".remoteJob");
        Samples echo = Timings.take(key + ".echo");
        Samples waited = Timings.take(key + ".waitJob");
        Samples received = Timings.take(key + ".receiveJob");
        Samples launch = Timings.take(key + ".launch");
        double perEcho = echo.medianMillis();
        report.add(Row.ratioAtMost(
                "J2", "one remoteJob step vs one echo step, p50" + setting, ours.medianMillis(), perEcho, "ms", 2));
        report.add(Row.ratioAtMost(
                "J2", "waitJob on an ended job vs echo, p50" + setting, waited.medianMillis(), perEcho, "ms", 1.5));
        report.add(Row.ratioAtMost(
                "J2",
                "receiveJob of a collected small job vs echo, p50" + setting,
                received.medianMillis(),
                perEcho,
                "ms",
                1.5));
        report.add(Row.info(
                "J2",
                "  context: the launch alone (engine call, no Pipeline step), p50" + setting,
                launch.medianMillis(),
                "ms",
                perEcho));
        report.series(key + ".remoteJob", ours.describeMillis());
        report.series(key + ".echo", echo.describeMillis());
        report.series(key + ".waitJob", waited.describeMillis());
        report.series(key + ".receiveJob", received.describeMillis());
        report.series(key + ".launch", launch.describeMillis());
    }

    private static void measure(Bench b, Durability durability) throws Exception {
        BenchSettings s = b.settings();
        String key = durability.key("J2");
        b.pipeline(
                durability.pipeline("step-cost"),
                """
                for (int i = 0; i < %d; i++) {
                    boolean measured = i >= %d
                    long t = System.nanoTime()
                    echo 'x'
                    long echoed = System.nanoTime() - t
                    t = System.nanoTime()
                    def j = remoteJob node: '%s', script: 'echo hi'
                    long started = System.nanoTime() - t
                    waitJob jobs: [j]
                    t = System.nanoTime()
                    waitJob jobs: [j]
                    long waited = System.nanoTime() - t
                    if ("${j.state}" != 'Completed') { error "J2: job ${j.id} ended ${j.state}" }
                    t = System.nanoTime()
                    String out = receiveJob job: j, quiet: true
                    long received = System.nanoTime() - t
                    if (out != 'hi\\n') { error "J2: received '${out}'" }
                    removeJob job: j
                    def direct = EngineProbe.launch(currentBuild.rawBuild, '%3$s', '%4$s.launch', measured)
                    waitJob jobs: [direct]
                    if ("${direct.state}" != 'Completed') { error "J2: job ${direct.id} ended ${direct.state}" }
                    removeJob job: direct
                    if (measured) {
                        Timings.record('%4$s.echo', echoed)
                        Timings.record('%4$s.remoteJob', started)
                        Timings.record('%4$s.waitJob', waited)
                        Timings.record('%4$s.receiveJob', received)
                    }
                }
                """.formatted(s.stepWarmUp() + s.stepSamples(), s.stepWarmUp(), b.agent(0), key),
                durability.hint);
    }
}
