package io.jenkins.plugins.remotejobs.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of one figure (nanoseconds, or a count), with the statistics the report shows. */
public final class Samples {

    private final List<Long> values = new ArrayList<>();

    public Samples() {}

    public Samples(List<Long> values) {
        this.values.addAll(values);
    }

    public void add(long value) {
        values.add(value);
    }

    public int size() {
        return values.size();
    }

    /** Nearest rank (0 < p ≤ 100); the median of an even count is the lower middle (a sample that happened). */
    public long percentile(double p) {
        List<Long> sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public double percentileMillis(double p) {
        return percentile(p) / 1e6;
    }

    public long median() {
        return percentile(50);
    }

    public double medianMillis() {
        return median() / 1e6;
    }

    public double medianSeconds() {
        return median() / 1e9;
    }

    public double meanMillis() {
        return values.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }

    /** For the JSON: the statistics in milliseconds, and every sample when there are few. */
    public Map<String, Object> describeMillis() {
        List<Long> sorted = sorted();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", values.size());
        m.put("p50", Row.round(percentile(50) / 1e6));
        m.put("p90", Row.round(percentile(90) / 1e6));
        m.put("min", Row.round(sorted.get(0) / 1e6));
        m.put("max", Row.round(sorted.get(sorted.size() - 1) / 1e6));
        if (values.size() <= 10) {
            m.put("all", values.stream().map(v -> Row.round(v / 1e6)).toList());
        }
        return m;
    }

    /** p50, p90, p99 and the mean in milliseconds, for a latency's series. */
    Map<String, Object> percentiles() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", Row.round(percentileMillis(50)));
        m.put("p90", Row.round(percentileMillis(90)));
        m.put("p99", Row.round(percentileMillis(99)));
        m.put("mean", Row.round(meanMillis()));
        return m;
    }

    private List<Long> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
