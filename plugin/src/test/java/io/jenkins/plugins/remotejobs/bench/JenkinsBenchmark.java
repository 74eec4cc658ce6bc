package io.jenkins.plugins.remotejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The plugin in a real Jenkins against that same Jenkins' own ways of doing the same work, every
 * figure a ratio to a baseline taken in this run (TARGETS.md, J1–J4): one Jenkins, four agents
 * launched as Jenkins launches them (separate JVMs, one executor each), every lane warmed up first,
 * medians. Prints one table and writes it, with the raw figures, to {@code
 * target/jenkins-bench/results.json} (and {@code results.txt}).
 *
 * <p>Runs only on request, never in the ordinary build: {@code mvn -Pjenkins -pl core,plugin -am
 * verify -Dremotejobs.bench=true} (a profile then runs this class alone). {@code
 * -Dremotejobs.bench.quick=true} for a reduced run, {@code -Dremotejobs.bench.only=J3,J4} for some
 * lanes. It fails when a lane could not run or delivered wrong bytes, never on a missed ratio: the
 * machine decides those, and the table says which were met.
 */
@WithJenkins
@EnabledIfSystemProperty(named = "remotejobs.bench", matches = "true")
class JenkinsBenchmark {

    @Test
    void everyLaneAgainstTheSameJenkinsOwnBaseline(JenkinsRule r) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        BenchReport report = new BenchReport();
        report.describeRun("started", Instant.now().toString());
        report.describeRun("cores", Runtime.getRuntime().availableProcessors());
        report.describeRun("loadBefore", loadAverage());
        report.describeRun("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        report.describeRun("jenkins", Jenkins.VERSION);
        report.describeRun("settings", settings.describe());

        List<DumbSlave> agents = new ArrayList<>();
        for (int i = 0; i < BenchSettings.AGENTS; i++) {
            agents.add(r.createSlave());
        }
        for (DumbSlave agent : agents) {
            r.waitOnline(agent);
        }
        String node = agents.get(0).getNodeName();
        String data = agents.get(0).getRootPath().child("bench-data/output.log").getRemote();
        String sha = AgentOps.channel(node).call(new AgentOps.WriteText(data, settings.bulkBytes()));
        Bench bench = new Bench(r, agents, settings, report, data, sha);

        Set<String> only = only();
        for (Map.Entry<String, Lane> lane : lanes().entrySet()) {
            String id = lane.getKey();
            if (!only.isEmpty() && !only.contains(id)) {
                continue;
            }
            long t = System.nanoTime();
            try {
                lane.getValue().run(bench);
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                report.fail(id, e);
            }
            report.describeRun("seconds." + id, Row.round((System.nanoTime() - t) / 1e9));
        }
        report.describeRun("loadAfter", loadAverage());

        report.print(System.out);
        Path out = Path.of(System.getProperty("remotejobs.bench.out", "target/jenkins-bench"));
        // JSON with Jenkins' own library, which every plugin's test class path has.
        report.writeJson(
                out.resolve("results.json"), doc -> JSONObject.fromObject(doc).toString(2));
        try (PrintStream table = new PrintStream(out.resolve("results.txt").toFile(), StandardCharsets.UTF_8)) {
            report.print(table);
        }
        System.out.println("written to " + out.toAbsolutePath().resolve("results.json"));
        assertThat(report.failures()).as("lanes that failed to run").isEmpty();
        assertThat(report.rows()).isNotEmpty();
    }

    /** The lanes by their ids in the table, in the order they run. */
    private static Map<String, Lane> lanes() {
        Map<String, Lane> lanes = new LinkedHashMap<>();
        lanes.put("J1", Durability.inEach(new SmallJobLane()));
        lanes.put("J2", new StepCostLane());
        lanes.put("JF", new FanOutLane());
        lanes.put("J4", new CollectLane());
        lanes.put("J3", new KeptReceiveLane());
        lanes.put("JC", new CompressionLane());
        lanes.put("JM", Durability.inEach(new ManyJobsLane()));
        return lanes;
    }

    private static Set<String> only() {
        String only = System.getProperty("remotejobs.bench.only", "").trim();
        return only.isEmpty()
                ? Set.of()
                : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    /** The 1-, 5- and 15-minute load averages, as the kernel reports them. */
    private static String loadAverage() throws Exception {
        Path proc = Path.of("/proc/loadavg");
        if (Files.isReadable(proc)) {
            String[] f = Files.readString(proc).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        }
        return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
