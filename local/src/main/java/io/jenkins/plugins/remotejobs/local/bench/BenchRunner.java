package io.jenkins.plugins.remotejobs.local.bench;

import groovy.json.JsonOutput;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark run: a fresh home in a scratch directory, the local host with real agent JVMs, every
 * benchmark in turn (each with its own baseline), then the job-table benchmark, which needs no
 * agents. A benchmark that throws is reported as failed and the others still run; the scratch
 * directory is deleted at the end.
 */
public final class BenchRunner {

    /** One benchmark: measures, and adds its rows to the report. */
    @FunctionalInterface
    interface Bench {
        void run(BenchContext ctx, BenchReport report) throws Exception;
    }

    /** The benchmarks that run on the local host, by the id of the targets they measure, in order. */
    private static final Map<String, Bench> ON_HOST = new LinkedHashMap<>();

    static {
        ON_HOST.put("P1", StartLatency::run);
        ON_HOST.put("P2", RoundTrip::run);
        ON_HOST.put("P2a", AnsiblePeer::run);
        ON_HOST.put("P3", Throughput::run);
        ON_HOST.put("P4", Concurrency::run);
    }

    /** The ids {@code --only} accepts; P6 is measured with P3. */
    public static final Set<String> IDS = Set.of("P1", "P2", "P2a", "P3", "P4", "P5", "P6", "P7");

    private final BenchConfig config;
    private final PrintStream progress;

    public BenchRunner(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Runs the benchmarks named in {@code only} (all when empty) under {@code scratchParent}, writes
     * the JSON to {@code out} and the SVG beside it, and prints the table to {@code table}.
     *
     * @return whether every benchmark ran to its end, and if so whether every target was met
     */
    public Outcome run(Set<String> only, Path scratchParent, Path out, PrintStream table, String command)
            throws IOException {
        BenchReport report = new BenchReport();
        Path scratch = Files.createTempDirectory(Files.createDirectories(scratchParent), "remote-jobs-bench-");
        long t0 = System.nanoTime();
        describe(report, command, scratch);
        try {
            runOnHost(only, scratch, report);
            if (wanted(only, "P5")) {
                BenchContext ctx = new BenchContext(config, null, scratch.resolve("work"), progress);
                attempt("P5", () -> TableScale.run(ctx, report), report);
            }
            if (wanted(only, "P7")) {
                BenchContext ctx = new BenchContext(config, null, scratch.resolve("work"), progress);
                attempt("P7", () -> AgentScale.run(ctx, report), report);
            }
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        report.describeRun("seconds", Math.round((System.nanoTime() - t0) / 1e9));
        report.describeRun("loadAverageAfter", loadAverage());
        report.writeJson(out, doc -> JsonOutput.prettyPrint(JsonOutput.toJson(doc)));
        Path svg = out.resolveSibling(baseName(out) + ".svg");
        BenchReport.write(svg, BenchPlot.svg(report, subtitle(config)));
        report.print(table);
        table.println("results: " + out + ", plot: " + svg);
        return report.failed() ? Outcome.FAILED : report.missed() > 0 ? Outcome.MISSED : Outcome.MET;
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every benchmark ran and every target was met. */
        MET,
        /** Every benchmark ran; some target was missed. */
        MISSED,
        /** A benchmark could not run to its end. */
        FAILED
    }

    private void runOnHost(Set<String> only, Path scratch, BenchReport report) throws IOException {
        if (ON_HOST.keySet().stream().noneMatch(id -> wanted(only, id))) {
            return;
        }
        progress.println("bench: starting the local host with " + config.agents() + " agent JVMs");
        long t0 = System.nanoTime();
        try (LocalHost host = LocalHost.start(scratch.resolve("home"), config.agents(), Limits.defaults())) {
            report.describeRun("hostStartSeconds", Row.round((System.nanoTime() - t0) / 1e9));
            BenchContext ctx = new BenchContext(config, host, scratch.resolve("work"), progress);
            for (Map.Entry<String, Bench> e : ON_HOST.entrySet()) {
                if (wanted(only, e.getKey())) {
                    attempt(e.getKey(), () -> e.getValue().run(ctx, report), report);
                }
            }
        }
    }

    private static boolean wanted(Set<String> only, String id) {
        return only.isEmpty() || only.contains(id) || (id.equals("P3") && only.contains("P6"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void attempt(String id, Step step, BenchReport report) {
        try {
            step.run();
        } catch (Exception | Error e) {
            progress.println("bench: " + id + " FAILED: " + e);
            e.printStackTrace(progress);
            report.fail(id, e);
        }
    }

    private void describe(BenchReport report, String command, Path scratch) {
        report.describeRun("command", command);
        report.describeRun("quick", config.quick());
        report.describeRun("startedAt", Instant.now().toString());
        report.describeRun("cores", Runtime.getRuntime().availableProcessors());
        report.describeRun("loadAverageBefore", loadAverage());
        report.describeRun("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.describeRun("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.describeRun("scratch", scratch.toString());
        report.describeRun("config", config.toString());
    }

    private static double loadAverage() {
        return Row.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String subtitle(BenchConfig config) {
        return String.format(
                Locale.ROOT,
                "%s run, %d cores, load average %.2f at the end, %s",
                config.quick() ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
