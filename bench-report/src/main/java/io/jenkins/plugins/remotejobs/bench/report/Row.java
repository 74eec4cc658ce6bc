package io.jenkins.plugins.remotejobs.bench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the results: a figure, the baseline measured beside it in the same run, their ratio,
 * and the target it is held to. Rows without a target are context (for example p90 and p99 next to
 * the p50 the target names); their {@code pass} is {@code null}.
 *
 * @param id the target's id in TARGETS.md (P1…P6) or the Jenkins benchmark's lane (J1…)
 * @param metric what was measured
 * @param value the figure
 * @param unit its unit
 * @param baseline the same-run baseline in the same unit, or {@code null}
 * @param ratio as the target defines it ({@code value / baseline}, or {@code baseline / value} for a
 *     speed-up), or {@code null}
 * @param target the target, or {@code null}
 * @param pass whether the target is met, or {@code null} without a target
 */
public record Row(
        String id,
        String metric,
        double value,
        String unit,
        Double baseline,
        Double ratio,
        String target,
        Boolean pass) {

    /** Context only: value / baseline when there is a baseline. */
    public static Row info(String id, String metric, double value, String unit, Double baseline) {
        return new Row(id, metric, value, unit, baseline, baseline == null ? null : value / baseline, null, null);
    }

    /** Context, a speed-up: baseline / value. */
    public static Row infoFaster(String id, String metric, double value, double baseline, String unit) {
        return new Row(id, metric, value, unit, baseline, baseline / value, null, null);
    }

    /** A cost that may be at most {@code limit} times the baseline's: ratio = value / baseline. */
    public static Row ratioAtMost(String id, String metric, double value, double baseline, String unit, double limit) {
        double ratio = value / baseline;
        return new Row(id, metric, value, unit, baseline, ratio, "<= " + num(limit) + "x baseline", ratio <= limit);
    }

    /** A rate that must reach at least {@code limit} times the baseline's. */
    public static Row ratioAtLeast(String id, String metric, double value, double baseline, String unit, double limit) {
        double ratio = value / baseline;
        return new Row(id, metric, value, unit, baseline, ratio, ">= " + num(limit) + "x baseline", ratio >= limit);
    }

    /** A cost that must be {@code limit} times smaller than the baseline's (a peer's): ratio = baseline / value. */
    public static Row fasterThan(String id, String metric, double value, double baseline, String unit, double limit) {
        double ratio = baseline / value;
        return new Row(id, metric, value, unit, baseline, ratio, ">= " + num(limit) + "x faster", ratio >= limit);
    }

    /** A figure that must stay below {@code limit}. */
    public static Row below(String id, String metric, double value, String unit, double limit) {
        return new Row(id, metric, value, unit, null, null, "< " + num(limit) + " " + unit, value < limit);
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

    /** Four significant digits: more than a noisy machine can vouch for, fewer than noise in a diff. */
    public static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 4 - (int) Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    /** A figure as the table shows it: fewer decimals the larger it is. */
    public static String format(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    static String num(double v) {
        double r = round(v);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return Double.toString(r);
    }
}
