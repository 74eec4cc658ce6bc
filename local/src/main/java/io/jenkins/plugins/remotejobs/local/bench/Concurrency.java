package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * P4: {@code concurrentJobs} jobs started at once over every agent, from {@link #CALLERS} pipeline
 * threads: the time until all of them are Running, the controller's live heap and its thread count
 * with all of them running. Each job blocks reading one line from a FIFO, so all stay running
 * however long the start takes, and all end together when the benchmark writes the lines.
 */
final class Concurrency {

    static final int CALLERS = 8;
    static final double SECONDS_LIMIT = 3;
    static final double HEAP_LIMIT_MIB = 256;
    /** Threads the controller may add however many jobs run: a few per agent, none per job. */
    static final int THREAD_GROWTH_LIMIT = 16;

    private Concurrency() {}

    /**
     * Runs as many short jobs as the measurement will start, the same way, and waits for them: so
     * that every agent's launch path is compiled (an agent JVM compiles a method only after some
     * hundreds of calls) and the measurement sees warm agents, as a long-lived one would be.
     */
    private static void warmUp(BenchContext ctx, List<String> nodes, int n) throws Exception {
        ctx.waitFor(startAll(ctx, nodes, n, i -> "true"), JobState.COMPLETED);
    }

    /** Starts {@code n} jobs round-robin over the nodes from {@link #CALLERS} threads. */
    private static List<JobRecord> startAll(
            BenchContext ctx, List<String> nodes, int n, java.util.function.IntFunction<String> scripts)
            throws Exception {
        List<JobRecord> jobs = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<JobRecord>> started = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String node = nodes.get(i % nodes.size());
                String script = scripts.apply(i);
                started.add(callers.submit(() -> ctx.start(node, script)));
            }
            for (Future<JobRecord> f : started) {
                jobs.add(f.get());
            }
        } finally {
            callers.shutdown();
            callers.awaitTermination(1, TimeUnit.MINUTES);
        }
        return jobs;
    }

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        int n = ctx.config.concurrentJobs();
        List<String> nodes = ctx.nodes();
        ctx.progress("P4 concurrency: " + n + " jobs over " + nodes.size() + " agents");
        Path gate = ctx.scratch.resolve("p4-gate");
        if (Baselines.run(List.of("mkfifo", gate.toString())) != 0) {
            throw new IOException("mkfifo " + gate + " failed");
        }
        String script = "read line < '" + gate + "'";
        warmUp(ctx, nodes, n);
        var threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();

        long t0 = System.nanoTime();
        List<JobRecord> jobs = startAll(ctx, nodes, n, i -> script);
        long allRunning = System.nanoTime() - t0;
        long running = jobs.stream()
                .filter(j -> ctx.host.manager().info(j.id()).orElseThrow().state() == JobState.RUNNING)
                .count();
        int threadsAfter = threads.getThreadCount();
        long heap = HeapSampler.liveHeap();

        // Open for reading and writing: never blocks, and keeps the lines there until every job read one.
        long t1 = System.nanoTime();
        try (RandomAccessFile fifo = new RandomAccessFile(gate.toFile(), "rw")) {
            fifo.write("\n".repeat(n).getBytes(StandardCharsets.US_ASCII));
            ctx.waitFor(jobs, JobState.COMPLETED);
        }
        long allCollected = System.nanoTime() - t1;
        long heapAfter = HeapSampler.liveHeap();
        if (running != n) {
            throw new IllegalStateException(
                    "only " + running + " of " + n + " jobs were Running once every remoteJob returned");
        }

        report.add(Row.below("P4", n + " jobs: time until all Running", allRunning / 1e9, "s", SECONDS_LIMIT));
        report.add(HeapSampler.liveHeapRow(
                "P4", n + " jobs running: controller live heap", heap, heapAfter, HEAP_LIMIT_MIB));
        int added = threadsAfter - threadsBefore;
        report.add(new Row(
                "P4",
                n + " jobs running: controller threads added",
                added,
                "threads",
                (double) threadsBefore,
                null,
                "< " + THREAD_GROWTH_LIMIT + " added",
                added < THREAD_GROWTH_LIMIT));
        report.add(
                Row.info("P4", n + " jobs: released until all Completed (collected)", allCollected / 1e9, "s", null));
        report.series(
                "P4",
                Map.of(
                        "jobs", n,
                        "callers", CALLERS,
                        "allRunningNanos", allRunning,
                        "threadsBefore", threadsBefore,
                        "threadsAfter", threadsAfter,
                        "liveHeapRunning", heap,
                        "liveHeapAfter", heapAfter));
    }
}
