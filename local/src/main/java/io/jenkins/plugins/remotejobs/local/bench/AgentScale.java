package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * P7: a controller with {@code scaleAgents} agents and {@code scaleJobs} jobs spread over them. The
 * agents are {@link SimulatedAgent}s in this JVM (real agent JVMs, each with real processes, do
 * not fit hundreds to a machine of two cores), behind the same protocol and job manager as real
 * ones, so the threads and heap measured are the controller's own: threads added (not growing
 * with agents beyond the monitors' small pool), live heap with every job running, {@code getJob}
 * p50 over the whole table, and the time until every job is Running and, once the agents end
 * them, Completed with its output collected.
 */
final class AgentScale {

    static final double HEAP_LIMIT_MIB = 512;
    static final double QUERY_LIMIT_MILLIS = 50;
    /** A fixed set, whatever the number of agents: 16 monitor threads at most, the four wait workers, a timer. */
    static final int THREAD_LIMIT = 24;

    private static final int CALLERS = 8;
    private static final int NAMES = 1_000;

    private AgentScale() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        int agents = ctx.config.scaleAgents();
        int n = ctx.config.scaleJobs();
        ctx.progress("P7 scale: " + n + " jobs over " + agents + " simulated agents");
        Map<String, SimulatedAgent> nodes = new LinkedHashMap<>();
        for (int i = 1; i <= agents; i++) {
            nodes.put(String.format("sim-%03d", i), new SimulatedAgent());
        }
        Path dir = Files.createDirectories(ctx.scratch.resolve("p7-controller"));
        ThreadPoolExecutor callers =
                new ThreadPoolExecutor(CALLERS, CALLERS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        callers.prestartAllCoreThreads();
        try (JobManager manager =
                JobManager.open(dir, new FixedAgents(new LinkedHashMap<>(nodes)), Limits.defaults())) {
            JobSteps steps = new JobSteps(manager);
            LocalCaller caller = new LocalCaller("bench", "bench#p7", BuildLog.NONE, ctx.workspace);
            int threadsBefore = liveThreads();

            long t0 = System.nanoTime();
            List<String> names = List.copyOf(nodes.keySet());
            List<Future<JobRecord>> started = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> args = new HashMap<>();
                args.put("node", names.get(i % agents));
                args.put("script", "./step.sh " + i);
                args.put("name", "p7-" + (i % NAMES));
                started.add(callers.submit(() -> steps.remoteJob(args, caller)));
            }
            List<JobRecord> jobs = new ArrayList<>();
            for (Future<JobRecord> f : started) {
                jobs.add(f.get());
            }
            long allRunning = System.nanoTime() - t0;
            long running = jobs.stream()
                    .filter(j -> manager.info(j.id()).orElseThrow().state() == JobState.RUNNING)
                    .count();
            if (running != n) {
                throw new IllegalStateException("only " + running + " of " + n + " jobs were Running");
            }
            int addedRunning = liveThreads() - threadsBefore;
            long heap = HeapSampler.liveHeap();

            Samples byName = query(steps, caller, Map.of("name", "p7-12*", "quiet", true), 11 * (n / NAMES));
            Samples byState = query(steps, caller, Map.of("state", "Running", "quiet", true), n);

            long t1 = System.nanoTime();
            nodes.values().forEach(SimulatedAgent::finishAll);
            steps.waitJob(Map.of("jobs", jobs.stream().map(JobRecord::id).toList(), "timeout", 600L), caller);
            long allCollected = System.nanoTime() - t1;
            for (JobRecord job : jobs) {
                var info = manager.info(job.id()).orElseThrow();
                if (info.state() != JobState.COMPLETED) {
                    throw new IllegalStateException(
                            "job " + job.id() + " ended " + info.state() + ": " + info.reason());
                }
            }
            String sample =
                    (String) steps.receiveJob(Map.of("id", jobs.get(n - 1).id(), "quiet", true), caller);
            if (!sample.equals(new String(SimulatedAgent.OUTPUT, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("job " + jobs.get(n - 1).id() + " returned '" + sample + "'");
            }
            int added = Math.max(addedRunning, liveThreads() - threadsBefore);
            long heapAfter = HeapSampler.liveHeap();

            String scale = n + " jobs over " + agents + " agents";
            report.add(Row.info("P7", scale + ": time until all Running", allRunning / 1e9, "s", null));
            report.add(new Row(
                    "P7",
                    scale + ": controller threads added",
                    added,
                    "threads",
                    (double) threadsBefore,
                    null,
                    "<= " + THREAD_LIMIT + " added",
                    added <= THREAD_LIMIT));
            report.add(HeapSampler.liveHeapRow(
                    "P7", scale + " running: controller live heap", heap, heapAfter, HEAP_LIMIT_MIB));
            report.add(Row.below(
                    "P7",
                    "getJob name pattern 'p7-12*' (p50, " + 11 * (n / NAMES) + " of " + n + ")",
                    byName.percentileMillis(50),
                    "ms",
                    QUERY_LIMIT_MILLIS));
            report.add(Row.below(
                    "P7",
                    "getJob state: Running (p50, " + n + " of " + n + ")",
                    byState.percentileMillis(50),
                    "ms",
                    QUERY_LIMIT_MILLIS));
            report.add(
                    Row.info("P7", scale + ": ended until all Completed (collected)", allCollected / 1e9, "s", null));
            report.series(
                    "P7",
                    Map.of(
                            "agents", agents,
                            "jobs", n,
                            "allRunningNanos", allRunning,
                            "allCollectedNanos", allCollected,
                            "threadsBefore", threadsBefore,
                            "threadsAdded", added,
                            "liveHeapRunning", heap,
                            "liveHeapAfter", heapAfter));
        } finally {
            callers.shutdown();
        }
    }

    /**
     * The threads the program runs (the JVM's own compiler threads, which come and go with its
     * load, are not among them); monitor threads, once started, live a minute without work, so a
     * count with every job running and one after they ended see every one the run started.
     */
    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static Samples query(JobSteps steps, LocalCaller caller, Map<String, Object> args, int expected)
            throws Exception {
        Samples samples = new Samples();
        for (int i = 0; i < 23; i++) {
            long t0 = System.nanoTime();
            List<JobRecord> found = steps.getJob(args, caller);
            long t1 = System.nanoTime();
            if (found.size() != expected) {
                throw new IllegalStateException("getJob " + args + " found " + found.size() + ", not " + expected);
            }
            if (i >= 3) {
                samples.add(t1 - t0);
            }
        }
        return samples;
    }
}
