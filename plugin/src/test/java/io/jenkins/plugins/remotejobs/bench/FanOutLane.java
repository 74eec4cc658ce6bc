package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;

/**
 * Fan-out: eight 2-second jobs on an agent with one executor, started and waited for, against the
 * pipeline without this plugin, eight {@code parallel} branches of {@code node { sh 'sleep 2' }},
 * which that one executor runs one after the other. A warm-up round of 0-second jobs first; then
 * the two alternate.
 */
final class FanOutLane implements Lane {

    @Override
    public void run(Bench b) throws Exception {
        BenchSettings s = b.settings();
        b.pipeline("fan-out", """
                for (int i = 0; i <= %d; i++) {
                    boolean measured = i > 0
                    int seconds = measured ? %d : 0
                    long t = System.nanoTime()
                    def jobs = []
                    for (int k = 0; k < %d; k++) {
                        jobs << remoteJob(node: '%s', script: "sleep ${seconds}")
                    }
                    waitJob jobs: jobs
                    long ours = System.nanoTime() - t
                    for (def j in jobs) {
                        if ("${j.state}" != 'Completed') { error "JF: job ${j.id} ended ${j.state}" }
                        removeJob job: j
                    }
                    def branches = [:]
                    for (int k = 0; k < %3$d; k++) {
                        branches["sh-${k}"] = { node('%4$s') { sh "sleep ${seconds}" } }
                    }
                    t = System.nanoTime()
                    parallel branches
                    long base = System.nanoTime() - t
                    if (measured) {
                        Timings.record('JF.ours', ours)
                        Timings.record('JF.parallel', base)
                    }
                }
                """.formatted(s.fanSamples(), s.fanSeconds(), s.fanJobs(), b.agent(1)));
        Samples ours = Timings.take("JF.ours");
        Samples base = Timings.take("JF.parallel");
        String what = "%d x %d s jobs on a 1-executor agent vs parallel + node + sh (x faster), median"
                .formatted(s.fanJobs(), s.fanSeconds());
        b.report().add(Row.infoFaster("JF", what, ours.medianSeconds(), base.medianSeconds(), "s"));
        b.report().series("JF.ours", ours.describeMillis());
        b.report().series("JF.parallel", base.describeMillis());
    }
}
