package io.jenkins.plugins.remotejobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of one figure (nanoseconds, or a count), with the statistics the report shows. */
final class Samples {

    private final List<Long> values;
    private final List<Long> sorted;

    Samples(List<Long> values) {
        this.values = List.copyOf(values);
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        this.sorted = List.copyOf(s);
    }

    int size() {
        return values.size();
    }

    /** Nearest rank; the median of an even count is the lower middle (a sample that happened). */
    long percentile(int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    long median() {
        return percentile(50);
    }

    double medianMillis() {
        return median() / 1e6;
    }

    double medianSeconds() {
        return median() / 1e9;
    }

    /** For the JSON: the statistics in milliseconds, and every sample when there are few. */
    Map<String, Object> describeMillis() {
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
}
