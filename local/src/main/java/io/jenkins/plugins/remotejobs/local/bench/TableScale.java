package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * P5: a job table of {@code tableRecords} finished jobs (1,000 builds of 100 jobs, 1,000 names,
 * one in twenty Failed), written record by record through {@link JobTable} as a controller would;
 * then the time {@code getJob} takes for each kind of filter, and the time to reload the table
 * after a restart. No agents: every job is finished and collected, so nothing needs one.
 */
final class TableScale {

    static final double QUERY_LIMIT_MILLIS = 50;
    static final double RELOAD_LIMIT_SECONDS = 2;
    private static final int JOBS_PER_BUILD = 100;
    private static final int NAMES = 1_000;

    private TableScale() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        int n = ctx.config.tableRecords();
        ctx.progress("P5 job table: " + n + " records, " + ctx.config.queryRuns() + " runs per filter, "
                + ctx.config.reloadRuns() + " reloads");
        Path dir = Files.createDirectories(ctx.scratch.resolve("p5-controller"));
        long t0 = System.nanoTime();
        try (JobTable table = JobTable.open(dir, new Signal())) {
            for (int i = 1; i <= n; i++) {
                table.nextId();
                table.insert(record(i));
            }
        }
        long build = System.nanoTime() - t0;

        Samples reloads = new Samples();
        for (int i = 0; i < ctx.config.reloadRuns(); i++) {
            long r0 = System.nanoTime();
            try (JobTable table = JobTable.open(dir, new Signal())) {
                if (table.size() != n) {
                    throw new IllegalStateException("reloaded " + table.size() + " records, not " + n);
                }
                reloads.add(System.nanoTime() - r0);
            }
        }

        try (JobManager manager = JobManager.open(
                dir, FixedAgents.unreachable(List.of("agent-1", "agent-2", "agent-3", "agent-4")), Limits.defaults())) {
            JobSteps steps = new JobSteps(manager);
            String lastBuild = "bench#" + (n / JOBS_PER_BUILD);
            query(ctx, report, steps, "name pattern 'job-12*'", Map.of("name", "job-12*"), null, 11 * (n / NAMES));
            query(ctx, report, steps, "state: Failed, all: true", Map.of("state", "Failed", "all", true), null, n / 20);
            query(ctx, report, steps, "this build's jobs", Map.of(), lastBuild, JOBS_PER_BUILD);
            query(ctx, report, steps, "exact name 'job-7'", Map.of("name", "job-7"), null, n / NAMES);
        }
        report.add(Row.below(
                "P5",
                "reload of " + n + " records (p50 of " + reloads.size() + ")",
                reloads.percentileMillis(50) / 1000,
                "s",
                RELOAD_LIMIT_SECONDS));
        report.series("P5", Map.of("records", n, "buildNanos", build));
    }

    private static void query(
            BenchContext ctx,
            BenchReport report,
            JobSteps steps,
            String what,
            Map<String, Object> filter,
            String build,
            int expected)
            throws Exception {
        LocalCaller caller = new LocalCaller("bench", build == null ? "bench#0" : build, BuildLog.NONE, ctx.workspace);
        Map<String, Object> args = new java.util.HashMap<>(filter);
        args.put("quiet", true);
        Samples samples = new Samples();
        int runs = ctx.config.queryRuns();
        for (int i = 0; i < runs + Math.max(3, runs / 5); i++) {
            long t0 = System.nanoTime();
            List<JobRecord> found = steps.getJob(args, caller);
            long t1 = System.nanoTime();
            if (found.size() != expected) {
                throw new IllegalStateException("getJob " + what + " found " + found.size() + ", not " + expected);
            }
            if (i >= Math.max(3, runs / 5)) {
                samples.add(t1 - t0);
            }
        }
        report.add(Row.below(
                "P5",
                "getJob " + what + " (p50, " + expected + " of " + ctx.config.tableRecords() + ")",
                samples.percentileMillis(50),
                "ms",
                QUERY_LIMIT_MILLIS));
    }

    private static JobRecord record(long id) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = id;
        b.instanceId = JobIds.newInstanceId();
        b.name = "job-" + (id % NAMES);
        b.node = "agent-" + (1 + id % 4);
        b.command = "./build.sh --step " + id;
        b.shell = "sh";
        b.owner = "bench";
        b.build = "bench#" + (1 + (id - 1) / JOBS_PER_BUILD);
        b.state = id % 20 == 0 ? JobState.FAILED : JobState.COMPLETED;
        b.exitCode = id % 20 == 0 ? 1 : 0;
        b.reason = id % 20 == 0 ? "exit code 1" : null;
        b.stdoutLength = 1000 + id;
        b.stdoutConsumed = 1000 + id;
        b.collected = true;
        b.charset = "UTF-8";
        b.createdAt = System.currentTimeMillis();
        b.endedAt = b.createdAt;
        return b.build();
    }
}
