package io.jenkins.plugins.remotejobs.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run, of either benchmark: the rows of the table, the lanes that were skipped
 * or failed and why, the raw figures behind the rows ("series", for the plot and for anyone checking
 * a ratio), and the machine they were taken on. Printed as one table; written as JSON by the
 * {@link JsonText} of the host, with the JSON library it has anyway.
 */
public final class BenchReport {

    /** Turns the report's document (maps, lists, strings, numbers, booleans) into JSON text. */
    @FunctionalInterface
    public interface JsonText {
        String of(Map<String, Object> document);
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Map<String, String>> skipped = new ArrayList<>();
    private final List<Map<String, String>> failures = new ArrayList<>();
    private final Map<String, Object> series = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    /** A p50 row held to {@code limit} × the baseline's p50, with p90 and p99 beside it for context. */
    public void latency(String id, String metric, Samples ours, String baselineName, Samples raw, double limit) {
        add(Row.ratioAtMost(id, metric + ", p50", ours.percentileMillis(50), raw.percentileMillis(50), "ms", limit));
        add(Row.info(id, metric + ", p90", ours.percentileMillis(90), "ms", raw.percentileMillis(90)));
        add(Row.info(id, metric + ", p99", ours.percentileMillis(99), "ms", raw.percentileMillis(99)));
        series(
                id,
                Map.of(
                        "metric", metric,
                        "baseline", baselineName,
                        "samples", ours.size(),
                        "ours", ours.percentiles(),
                        "raw", raw.percentiles()));
    }

    public synchronized void series(String id, Object figures) {
        series.put(id, figures);
    }

    public synchronized void skip(String id, String why) {
        skipped.add(Map.of("id", id, "why", why));
    }

    public synchronized void fail(String id, Throwable t) {
        failures.add(Map.of("id", id, "error", String.valueOf(t)));
    }

    public synchronized void describeRun(String key, Object value) {
        run.put(key, value);
    }

    public synchronized boolean failed() {
        return !failures.isEmpty();
    }

    /** The lanes that failed: their id and error. */
    public synchronized List<Map<String, String>> failures() {
        return List.copyOf(failures);
    }

    /** How many rows with a target missed it. */
    public synchronized long missed() {
        return rows.stream().filter(r -> Boolean.FALSE.equals(r.pass())).count();
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> series(String id) {
        return (Map<String, Object>) series.get(id);
    }

    /** The table: id, metric, value, baseline, ratio, target, pass; then skipped and failed lanes. */
    public synchronized void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"id", "metric", "value", "baseline", "ratio", "target", "pass"});
        for (Row r : rows) {
            lines.add(new String[] {
                r.id(),
                r.metric(),
                Row.format(r.value()) + " " + r.unit(),
                r.baseline() == null ? "-" : Row.format(r.baseline()) + " " + r.unit(),
                r.ratio() == null ? "-" : Row.format(r.ratio()),
                r.target() == null ? "-" : r.target(),
                r.pass() == null ? "" : r.pass() ? "yes" : "NO"
            });
        }
        int[] width = new int[7];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                String pad = " ".repeat(width[i] - l[i].length());
                boolean number = i >= 2 && i <= 4;
                b.append(number ? pad + l[i] : l[i] + pad).append("  ");
            }
            out.println(b.toString().stripTrailing());
        }
        skipped.forEach(s -> out.println(s.get("id") + "  SKIPPED: " + s.get("why")));
        failures.forEach(f -> out.println(f.get("id") + "  FAILED: " + f.get("error")));
        long met = rows.stream().filter(r -> Boolean.TRUE.equals(r.pass())).count();
        long targets = rows.stream().filter(r -> r.pass() != null).count();
        out.println(met + " of " + targets + " targets met"
                + (failures.isEmpty() ? "" : "; " + failures.size() + " benchmark(s) FAILED"));
        out.flush();
    }

    /** The same rows as JSON, with the run's description, skipped lanes, failures and raw figures. */
    public synchronized void writeJson(Path file, JsonText json) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run);
        doc.put("rows", rows.stream().map(Row::toMap).toList());
        doc.put("skipped", skipped);
        doc.put("failures", failures);
        doc.put("series", series);
        write(file, json.of(doc) + "\n");
    }

    /** Writes {@code text} to {@code file}, making its directory first. */
    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
