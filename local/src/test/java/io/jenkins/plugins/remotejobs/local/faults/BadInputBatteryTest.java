package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input battery: every case of {@link Battery} goes in through a real entry point (a step
 * of the script runner, or a call of the agent protocol over the loopback transport to a real agent
 * JVM) and must get exactly the outcome the table in {@code docs/reliability.md} lists; none may
 * crash the controller or an agent, and nothing outside a job's own directory may be touched, which
 * is checked on the file system around the job caches (sentinel files beside and above them, the
 * workspaces, the home). Run with {@code -Dbattery.writeDoc=true} to rewrite the doc's table.
 */
class BadInputBatteryTest {

    private static final String TABLE_START = "<!-- battery:start -->";
    private static final String TABLE_END = "<!-- battery:end -->";
    private static final AtomicInteger passed = new AtomicInteger();

    /** A short reconnect grace: a start on an agent that is kept offline gives up after it. */
    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2)
            .limits(Limits.defaults().withReconnectGrace(java.time.Duration.ofSeconds(2)))
            .preparedBy(BadInputBatteryTest::keepAJobOnAnAgentThisRunLacks);

    static long onRemovedAgent;
    static BatteryContext context;
    static FileSystemAround around;

    /** An earlier run with three agents keeps a job on agent-3; the battery's run has two. */
    static AutoCloseable keepAJobOnAnAgentThisRunLacks(LocalHostExtension extension) throws IOException {
        try (var earlier = extension.open(3, Limits.defaults(), "earlier")) {
            onRemovedAgent = earlier.scripts()
                    .run("def j = remoteJob node: 'agent-3', keepOnAgent: true, script: 'echo kept'\n"
                            + "waitJob jobs: [j], timeout: 60\necho \"result=${j.id}\"")
                    .ok()
                    .id("result");
        }
        return () -> {};
    }

    @BeforeAll
    static void startTheBatterysJobs() throws Exception {
        Path tmp = local.scratch();
        Path home = local.home();
        LocalHost host = local.host();
        ScriptFixture scripts = local.scripts();
        var r = scripts.run("""
                def f = remoteJob node: 'agent-1', name: 'battery-finished', script: 'printf 0123456789'
                def k = remoteJob node: 'agent-1', name: 'battery-kept', keepOnAgent: true, script: 'printf 0123456789'
                def run = remoteJob node: 'agent-1', name: 'battery-running', keepOnAgent: true, script: 'sleep 600'
                def gone = remoteJob node: 'agent-1', name: 'battery-removed', script: 'true'
                waitJob jobs: [f, k, gone], timeout: 60
                removeJob job: gone
                echo "f=${f.id}"
                echo "k=${k.id} ${k.instanceId}"
                echo "run=${run.id} ${run.instanceId}"
                echo "gone=${gone.id} ${gone.instanceId}"
                """).ok();
        context = new BatteryContext(
                host,
                scripts,
                tmp,
                r.id("f"),
                Long.parseLong(r.value("k").split(" ")[0]),
                r.value("k").split(" ")[1],
                Long.parseLong(r.value("run").split(" ")[0]),
                r.value("run").split(" ")[1],
                Long.parseLong(r.value("gone").split(" ")[0]),
                r.value("gone").split(" ")[1],
                onRemovedAgent);
        // Sentinels beside and above the job caches, and in the workspaces.
        for (String place : List.of(
                "outside/sentinel",
                "home/sentinel",
                "home/agents/sentinel",
                "home/agents/agent-1/sentinel",
                "home/agents/agent-1/workspace/sentinel",
                "home/agents/agent-2/workspace/sentinel",
                "etc/passwd")) {
            Path p = tmp.resolve(place);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "sentinel " + place);
        }
        // Where a host writes: its controller, its scripts, the runner's working directory for file:.
        around = new FileSystemAround(
                tmp,
                List.of(
                        home.resolve("controller"),
                        tmp.resolve("scripts"),
                        tmp.resolve("earlier"),
                        tmp.resolve("work/battery")));
    }

    @AfterAll
    static void printTheCount() {
        Figures.of("BATTERY")
                .put("cases", Battery.cases().size())
                .put("passed", passed.get())
                .print();
    }

    static Stream<BatteryCase> cases() {
        return Battery.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGetsItsOutcomeCrashesNothingAndTouchesNothingAround(BatteryCase c) throws Exception {
        Map<String, String> before = around.snapshot();
        OptionalLong agent1 = local.host().agents().pid("agent-1");
        OptionalLong agent2 = local.host().agents().pid("agent-2");

        String outcome = c.action().run(context);

        assertThat(outcome).as("outcome of %s", c).isEqualTo(c.expected());
        assertThat(FileSystemAround.differences(before, around.snapshot()))
                .as("files touched outside the jobs' directories")
                .isEmpty();
        assertThat(local.host().agents().pid("agent-1"))
                .as("agent-1 still the same JVM")
                .isEqualTo(agent1);
        if (!c.input().contains("offline")) {
            assertThat(local.host().agents().pid("agent-2"))
                    .as("agent-2 still the same JVM")
                    .isEqualTo(agent2);
        }
        assertThat(local.host().agents().connect("agent-1")).isPresent();
        assertThat(local.host().agents().connect("agent-2")).isPresent();
        assertThat(context.agent().status(context.runningIid()).state())
                .as("a bystander job, running all along")
                .isEqualTo(AgentJobState.RUNNING);
        passed.incrementAndGet();
    }

    @Test
    void theBatteryHasAtLeastFiftyCasesAndTheReliabilityDocListsEveryOne() throws Exception {
        assertThat(Battery.cases()).hasSizeGreaterThanOrEqualTo(50);
        Path doc =
                Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("reliability.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertThat(start).as("%s in %s", TABLE_START, doc).isNotNegative();
        assertThat(end).as("%s in %s", TABLE_END, doc).isGreaterThan(start);
        String table = "\n| # | entry point | input | what the user gets |\n|---|---|---|---|\n"
                + Battery.cases().stream().map(BatteryCase::tableRow).collect(Collectors.joining("\n")) + "\n";
        if (Boolean.getBoolean("battery.writeDoc")) {
            text = text.substring(0, start + TABLE_START.length()) + table + text.substring(end);
            Files.writeString(doc, text, StandardCharsets.UTF_8);
            end = text.indexOf(TABLE_END);
        }
        assertThat(text.substring(start + TABLE_START.length(), end))
                .as("the battery's table in %s (rewrite it with -Dbattery.writeDoc=true)", doc)
                .isEqualTo(table);
    }
}
