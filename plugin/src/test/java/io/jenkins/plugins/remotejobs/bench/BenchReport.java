package io.jenkins.plugins.remotejobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;

/**
 * The results of one run: the table's rows, the raw figures behind them, the lanes that failed and
 * the machine they ran on. Printed as one table and written as JSON (with Jenkins' own JSON library,
 * which every plugin's test classpath has).
 */
final class BenchReport {

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> series = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    void add(Row row) {
        rows.add(row);
    }

    void series(String key, Object figures) {
        series.put(key, figures);
    }

    void fail(String lane, Throwable t) {
        failures.put(lane, String.valueOf(t));
    }

    void describeRun(String key, Object value) {
        run.put(key, value);
    }

    Map<String, String> failures() {
        return failures;
    }

    List<Row> rows() {
        return rows;
    }

    void print(PrintStream out) {
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
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                String pad = " ".repeat(width[i] - l[i].length());
                boolean number = i >= 2 && i <= 4;
                line.append(number ? pad + l[i] : l[i] + pad).append("  ");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        failures.forEach(
                (lane, why) -> b.append(lane).append("  FAILED: ").append(why).append('\n'));
        long targets = rows.stream().filter(r -> r.pass() != null).count();
        long met = rows.stream().filter(r -> Boolean.TRUE.equals(r.pass())).count();
        b.append(met).append(" of ").append(targets).append(" targets met\n");
        out.print(b);
        out.flush();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run);
        doc.put("rows", rows.stream().map(Row::toMap).toList());
        doc.put("failures", failures);
        doc.put("series", series);
        Files.writeString(
                dir.resolve("results.json"), JSONObject.fromObject(doc).toString(2) + "\n", StandardCharsets.UTF_8);
        try (PrintStream table = new PrintStream(dir.resolve("results.txt").toFile(), StandardCharsets.UTF_8)) {
            print(table);
        }
    }
}
