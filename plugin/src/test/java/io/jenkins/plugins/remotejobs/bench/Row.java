package io.jenkins.plugins.remotejobs.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the table: a figure, the baseline taken beside it in the same run, their ratio as the
 * target defines it, and whether the target is met ({@code null} for context rows, which have none).
 */
record Row(
        String id,
        String metric,
        double value,
        String unit,
        Double baseline,
        Double ratio,
        String target,
        Boolean pass) {

    /** A cost that must be {@code limit} times smaller than the baseline's: ratio = baseline / value. */
    static Row fasterBy(String id, String metric, double value, double baseline, String unit, double limit) {
        double ratio = baseline / value;
        return new Row(id, metric, value, unit, baseline, ratio, ">= " + num(limit) + "x faster", ratio >= limit);
    }

    /** A cost that may be at most {@code limit} times the baseline's: ratio = value / baseline. */
    static Row atMost(String id, String metric, double value, double baseline, String unit, double limit) {
        double ratio = value / baseline;
        return new Row(id, metric, value, unit, baseline, ratio, "<= " + num(limit) + "x baseline", ratio <= limit);
    }

    /** Context, a speed-up: baseline / value, no target. */
    static Row infoFaster(String id, String metric, double value, double baseline, String unit) {
        return new Row(id, metric, value, unit, baseline, baseline / value, null, null);
    }

    /** Context: value / baseline when there is a baseline, no target. */
    static Row info(String id, String metric, double value, String unit, Double baseline) {
        return new Row(id, metric, value, unit, baseline, baseline == null ? null : value / baseline, null, null);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("metric", metric);
        m.put("value", round(value));
        m.put("unit", unit);
        m.put("baseline", baseline == null ? null : round(baseline));
        m.put("ratio", ratio == null ? null : round(ratio));
        m.put("target", target);
        m.put("pass", pass);
        return m;
    }

    /** Four significant digits: more than a noisy machine can vouch for. */
    static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 4 - (int) Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static String format(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
