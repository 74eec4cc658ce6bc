package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A thousand jobs over four agents, started from eight {@code parallel} branches round-robin: the
 * time until every {@code remoteJob} has returned its handle, against the same pipeline
 * with {@code echo} in place of {@code remoteJob} (what Pipeline itself costs for a thousand steps in
 * that shape); then, as context, the time from releasing them all until {@code waitJob} sees every
 * one Completed (collected), and the controller threads they add. Each job waits on a {@link Gate}
 * so that all are running at once however long the starts take. A warm-up of short jobs in the same
 * shape first. In Jenkins' default durability and again performance-optimized. Context: how many
 * were Running (their agent had answered) when the last step returned, and the time until all were.
 */
final class ManyJobsLane implements Durability.Measured {

    @Override
    public void measure(Bench b, Durability durability) throws Exception {
        BenchSettings s = b.settings();
        int n = s.manyJobs();
        String key = durability.key("JM");
        String nodes = b.agents().stream().map(a -> "'" + a.getNodeName() + "'").collect(Collectors.joining(", "));
        Path dir = Files.createTempDirectory("gate");
        String fifo = dir.resolve("fifo").toString();
        Gate.prepare(fifo);
        try {
            b.pipeline(
                    durability.pipeline("many-jobs"),
                    """
                    def startAll(List nodes, int count, String script) {
                        def handles = []
                        def branches = [:]
                        for (int b = 0; b < 8; b++) {
                            int first = b
                            branches["start-${b}"] = {
                                for (int i = first; i < count; i += 8) {
                                    handles << remoteJob(node: nodes[i %% nodes.size()], script: script)
                                }
                            }
                        }
                        parallel branches
                        return handles
                    }
                    def nodes = [%1$s]
                    waitJob jobs: startAll(nodes, %2$d, 'true')
                    def echoes = [:]
                    for (int b = 0; b < 8; b++) {
                        int first = b
                        echoes["echo-${b}"] = { for (int i = first; i < %3$d; i += 8) { echo "job ${i}" } }
                    }
                    long t = System.nanoTime()
                    parallel echoes
                    Timings.record('%5$s.echo', System.nanoTime() - t)
                    Timings.threads('%5$s.threadsBefore')
                    t = System.nanoTime()
                    def handles = startAll(nodes, %3$d, "read x < '%4$s'")
                    long returned = System.nanoTime() - t
                    Timings.record('%5$s.returned', returned)
                    int running = 0
                    for (def h in handles) { if ("${h.state}" == 'Running') { running++ } }
                    Timings.record('%5$s.runningCount', running)
                    EngineProbe.awaitLaunched(handles)
                    Timings.record('%5$s.running', System.nanoTime() - t)
                    Timings.threads('%5$s.threadsRunning')
                    t = System.nanoTime()
                    Gate.release('%4$s', %3$d)
                    waitJob jobs: handles
                    Timings.record('%5$s.completed', System.nanoTime() - t)
                    for (def h in handles) {
                        if ("${h.state}" != 'Completed') { error "JM: job ${h.id} ended ${h.state}: ${h.reason}" }
                    }
                    echo "JM: ${handles.size()} jobs Completed"
                    """.formatted(nodes, s.manyWarmUp(), n, fifo, key),
                    durability.hint);
        } finally {
            Gate.close(fifo);
        }
        Samples returned = Timings.take(key + ".returned");
        Samples running = Timings.take(key + ".running");
        Samples echo = Timings.take(key + ".echo");
        Samples completed = Timings.take(key + ".completed");
        long threadsBefore = Timings.take(key + ".threadsBefore").median();
        long threadsRunning = Timings.take(key + ".threadsRunning").median();
        long runningAtOnce = Timings.take(key + ".runningCount").median();
        BenchReport report = b.report();
        String agents = BenchSettings.AGENTS + " agents";
        report.add(Row.ratioAtMost(
                "JM",
                n + " jobs over " + agents + ": all remoteJob returned vs " + n + " echo steps, same shape"
                        + durability.setting,
                returned.medianSeconds(),
                echo.medianSeconds(),
                "s",
                1.5));
        report.add(Row.info(
                "JM",
                "  context: of them Running (not NotStarted) when the last returned",
                runningAtOnce,
                "jobs",
                (double) n));
        report.add(
                Row.info("JM", "  context: first remoteJob -> every job Running", running.medianSeconds(), "s", null));
        report.add(Row.info(
                "JM", "  context: released -> waitJob saw all Completed", completed.medianSeconds(), "s", null));
        report.add(Row.info(
                "JM", "  context: controller threads with all running vs before", threadsRunning, "threads", (double)
                        threadsBefore));
        report.series(key + ".returned", returned.describeMillis());
        report.series(key + ".running", running.describeMillis());
        report.series(key + ".echo", echo.describeMillis());
        report.series(key + ".completed", completed.describeMillis());
    }
}
