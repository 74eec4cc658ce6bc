package io.jenkins.plugins.remotejobs.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    static BenchReport sample() {
        BenchReport report = new BenchReport();
        Samples ours = new Samples();
        Samples raw = new Samples();
        for (int i = 1; i <= 100; i++) {
            ours.add(i * 100_000L);
            raw.add(i * 40_000L);
        }
        report.latency("P1", "remoteJob -> Running handle", ours, "spawn sh -c true", raw, 3.0);
        report.add(Row.ratioAtLeast("P3", "collect 1 GiB <controller & mode>", 300, 1200, "MiB/s", 0.5));
        report.add(Row.fasterThan("P2a", "small job vs Ansible", 8, 400, "ms", 50));
        report.add(Row.below("P5", "reload", 0.7, "s", 2));
        report.skip("P2a", "Ansible lane skipped: ansible-playbook is not installed");
        return report;
    }

    @Test
    void rowsCarryTheirRatioAndWhetherTheTargetIsMet() {
        List<Row> rows = sample().rows();
        assertThat(rows.get(0).ratio()).isEqualTo(2.5);
        assertThat(rows.get(0).pass()).isTrue();
        assertThat(rows.get(1).target()).isNull();
        assertThat(rows.get(3).ratio()).isEqualTo(0.25);
        assertThat(rows.get(3).pass()).isFalse();
        assertThat(rows.get(4).ratio()).isEqualTo(50.0);
        assertThat(rows.get(4).pass()).isTrue();
        assertThat(rows.get(5).pass()).isTrue();
        assertThat(sample().missed()).as("rows whose target was missed").isEqualTo(1);
    }

    @Test
    void tablePrintsEveryRowSkippedLanesAndTheCount() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sample().print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table.lines().findFirst().orElseThrow())
                .contains("id", "metric", "value", "baseline", "ratio", "target", "pass");
        assertThat(table).contains("remoteJob -> Running handle, p50", "P2a  SKIPPED: Ansible lane skipped");
        assertThat(table).contains("3 of 4 targets met");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsTheSameRows() throws Exception {
        Path file = dir.resolve("nested/results.json");
        sample().writeJson(file, doc -> JsonOutput.prettyPrint(JsonOutput.toJson(doc)));
        Map<String, Object> doc = (Map<String, Object>) new JsonSlurper().parse(file.toFile());
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("rows");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(3))
                .containsEntry("id", "P3")
                .containsEntry("metric", "collect 1 GiB <controller & mode>")
                .containsEntry("pass", false);
        assertThat((List<?>) doc.get("skipped")).hasSize(1);
    }

    @Test
    void plotIsWellFormedSvgWithEscapedLabels() throws Exception {
        String svg = BenchPlot.svg(sample(), "test run");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("&lt;controller &amp; mode&gt;").contains("P1 remoteJob p50");
        Files.writeString(dir.resolve("plot.svg"), svg);
    }
}
