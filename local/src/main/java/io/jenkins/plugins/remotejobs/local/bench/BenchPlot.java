package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as an SVG picture: latency percentiles of P1 and P2 next to their spawn baselines, P3's
 * throughput next to {@code cat | cat}, and P2a next to Ansible. Horizontal bars, one scale per
 * panel, each bar labelled with its value; plain SVG text, viewable in any browser or on GitHub.
 */
final class BenchPlot {

    private static final String BASELINE = "#9e9e9e";
    private static final String[] OURS = {"#1f5f99", "#4a90c8", "#9cc5e6"};
    private static final String[] RAW = {"#6b6b6b", "#9e9e9e", "#cfcfcf"};
    private static final int WIDTH = 860;
    private static final int LABEL = 300;
    private static final int BARS = 420;
    private static final int BAR = 16;

    private record Bar(String label, double value, String unit, String color) {}

    private record Panel(String title, List<Bar> bars) {}

    private BenchPlot() {}

    static String svg(BenchReport report, String subtitle) {
        List<Panel> panels = new ArrayList<>();
        List<Bar> start = new ArrayList<>();
        latencyBars(report, "P1", "raw spawn", "remoteJob", start);
        if (!start.isEmpty()) {
            panels.add(new Panel("P1 start latency, ms (p50 / p90 / p99; darker = lower percentile)", start));
        }
        List<Bar> roundTrip = new ArrayList<>();
        latencyBars(report, "P2", "raw spawn+exit", "start->received", roundTrip);
        if (!roundTrip.isEmpty()) {
            panels.add(new Panel("P2 start -> Completed -> received, ms (p50 / p90 / p99)", roundTrip));
        }
        List<Bar> throughput = new ArrayList<>();
        boolean baselineShown = false;
        for (Row r : report.rows()) {
            if (!r.id().equals("P3")) {
                continue;
            }
            if (r.target() == null) {
                throughput.add(new Bar("floor: cat | tee f | cat > s; sync s", r.baseline(), r.unit(), BASELINE));
                continue;
            }
            if (!baselineShown) {
                throughput.add(new Bar("cat | cat (median of 3, same run)", r.baseline(), r.unit(), BASELINE));
                baselineShown = true;
            }
            throughput.add(new Bar(r.metric(), r.value(), r.unit(), OURS[0]));
        }
        if (!throughput.isEmpty()) {
            panels.add(new Panel("P3 throughput, MiB/s (longer is better)", throughput));
        }
        List<Bar> peer = new ArrayList<>();
        for (Row r : report.rows()) {
            if (r.id().equals("P2a")) {
                peer.add(new Bar("Ansible async + async_status", r.baseline(), r.unit(), BASELINE));
                peer.add(new Bar("remoteJob + waitJob + receiveJob", r.value(), r.unit(), OURS[0]));
            }
        }
        if (!peer.isEmpty()) {
            panels.add(new Panel("P2a one small job against a peer, ms per job (shorter is better)", peer));
        }
        return render(panels, subtitle);
    }

    @SuppressWarnings("unchecked")
    private static void latencyBars(BenchReport report, String id, String rawName, String oursName, List<Bar> out) {
        Map<String, Object> s = report.series(id);
        if (s == null) {
            return;
        }
        String[] ps = {"p50", "p90", "p99"};
        Map<String, Object> raw = (Map<String, Object>) s.get("raw");
        Map<String, Object> ours = (Map<String, Object>) s.get("ours");
        for (int i = 0; i < ps.length; i++) {
            out.add(new Bar(id + " " + rawName + " " + ps[i], ((Number) raw.get(ps[i])).doubleValue(), "ms", RAW[i]));
        }
        for (int i = 0; i < ps.length; i++) {
            out.add(new Bar(
                    id + " " + oursName + " " + ps[i], ((Number) ours.get(ps[i])).doubleValue(), "ms", OURS[i]));
        }
    }

    private static String render(List<Panel> panels, String subtitle) {
        StringBuilder body = new StringBuilder();
        int y = 56;
        for (Panel p : panels) {
            body.append(text(16, y, 15, "bold", p.title()));
            y += 10;
            double max = p.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            for (Bar b : p.bars()) {
                double w = max <= 0 ? 0 : Math.max(1, b.value() / max * BARS);
                body.append(text(16, y + BAR - 3, 12, "normal", b.label()));
                body.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        LABEL,
                        y,
                        w,
                        BAR,
                        b.color()));
                body.append(
                        text((int) (LABEL + w + 6), y + BAR - 3, 12, "normal", Row.format(b.value()) + " " + b.unit()));
                y += BAR + 4;
            }
            y += 30;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y
                + "\" font-family=\"sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + text(16, 24, 17, "bold", "Remote Jobs benchmark against same-run baselines")
                + text(16, 42, 12, "normal", subtitle)
                + body
                + "</svg>\n";
    }

    private static String text(int x, int y, int size, String weight, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\">"
                + escape(content) + "</text>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
