package io.jenkins.plugins.remotejobs.local.bench;

import groovy.json.JsonOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run: the rows of the table, the lanes that were skipped or failed and why, the
 * raw figures behind the rows ("series", for the plot and for anyone checking a ratio), and the
 * machine they were taken on. Printed as one table; written as JSON and as an SVG plot.
 */
final class BenchReport {

    private final List<Row> rows = new ArrayList<>();
    private final List<Map<String, String>> skipped = new ArrayList<>();
    private final List<Map<String, String>> failures = new ArrayList<>();
    private final Map<String, Object> series = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    /** A p50 row held to {@code limit} × the baseline's p50, with p90 and p99 beside it for context. */
    void latency(String id, String metric, Samples ours, String baselineName, Samples raw, double limit) {
        add(Row.ratioAtMost(id, metric + ", p50", ours.percentileMillis(50), raw.percentileMillis(50), "ms", limit));
        add(Row.info(id, metric + ", p90", ours.percentileMillis(90), "ms", raw.percentileMillis(90)));
        add(Row.info(id, metric + ", p99", ours.percentileMillis(99), "ms", raw.percentileMillis(99)));
        series(
                id,
                Map.of(
                        "metric", metric,
                        "baseline", baselineName,
                        "samples", ours.size(),
                        "ours", percentiles(ours),
                        "raw", percentiles(raw)));
    }

    private static Map<String, Object> percentiles(Samples s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", Row.round(s.percentileMillis(50)));
        m.put("p90", Row.round(s.percentileMillis(90)));
        m.put("p99", Row.round(s.percentileMillis(99)));
        m.put("mean", Row.round(s.meanMillis()));
        return m;
    }

    synchronized void series(String id, Map<String, Object> figures) {
        series.put(id, figures);
    }

    synchronized void skip(String id, String why) {
        skipped.add(Map.of("id", id, "why", why));
    }

    synchronized void fail(String id, Throwable t) {
        failures.add(Map.of("id", id, "error", String.valueOf(t)));
    }

    synchronized void describeRun(String key, Object value) {
        run.put(key, value);
    }

    synchronized boolean failed() {
        return !failures.isEmpty();
    }

    /** How many rows with a target missed it. */
    synchronized long missed() {
        return rows.stream().filter(r -> Boolean.FALSE.equals(r.pass())).count();
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> series(String id) {
        return (Map<String, Object>) series.get(id);
    }

    /** The table: id, metric, value, baseline, ratio, target, pass; then skipped and failed lanes. */
    synchronized void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"id", "metric", "value", "baseline", "ratio", "target", "pass"});
        for (Row r : rows) {
            lines.add(new String[] {
                r.id(),
                r.metric(),
                format(r.value()) + " " + r.unit(),
                r.baseline() == null ? "-" : format(r.baseline()) + " " + r.unit(),
                r.ratio() == null ? "-" : format(r.ratio()),
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
                boolean right = i >= 2 && i <= 4;
                String cell = right ? " ".repeat(width[i] - l[i].length()) + l[i] : l[i];
                b.append(cell);
                if (i < l.length - 1) {
                    b.append(right ? "" : " ".repeat(width[i] - l[i].length())).append("  ");
                }
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
    synchronized void writeJson(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run);
        doc.put("rows", rows.stream().map(Row::toMap).toList());
        doc.put("skipped", skipped);
        doc.put("failures", failures);
        doc.put("series", series);
        write(file, JsonOutput.prettyPrint(JsonOutput.toJson(doc)) + "\n");
    }

    static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String format(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
