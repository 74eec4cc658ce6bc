package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R6, timeout between runs: two jobs with {@code timeout: 3} that ignore TERM (one per result mode)
 * are started, then the whole local host (controller and agents) is closed, so that no agent JVM
 * runs for the home. The timeout still ends them: their processes are gone within a ceiling while
 * nothing of the host runs. A new host on the same home finds both {@code Failed} with the reason
 * "timed out after 3 s".
 */
class TimeoutWhileNoAgentRunsTest {

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    @Test
    void aTimeoutEndsJobsThatIgnoreTermWhileNoAgentRunsAndTheNextRunSeesThemTimedOut() throws Exception {
        assumeThat(ProcessTable.available()).as("Linux /proc").isTrue();
        long began = System.nanoTime();
        Path home = local.home();
        StubbornPair jobs = new StubbornPair(local.scratch().resolve("jobs"), "r6-timeout");
        long launchToClosedMillis;
        boolean aliveWhileNoAgent;
        long goneMillis;
        long closedAt;
        try {
            long launching;
            try (var first = local.open(1, "first")) {
                ScriptFixture scripts = first.scripts();
                // Warm up the runner and the agent, so that little passes between the launch and the close.
                scripts.run("waitJob jobs: [remoteJob(node: 'agent-1', script: 'true')], timeout: 60")
                        .ok();
                launching = System.nanoTime();
                jobs.start(scripts, "agent-1", "timeout: 3, ");
            }
            launchToClosedMillis = (System.nanoTime() - launching) / 1_000_000;
            assertThat(ControllerKilledDuringCollectionTest.agentsOf(home))
                    .as("agent JVMs of the home after the host closed")
                    .isEmpty();
            closedAt = System.currentTimeMillis();
            aliveWhileNoAgent = ProcessTable.alive(jobs.pids()).equals(jobs.pids());
            assertThat(aliveWhileNoAgent)
                    .as("the jobs still ran when the host had closed (%d ms after their launch)", launchToClosedMillis)
                    .isTrue();
            goneMillis = launchToClosedMillis + StubbornJob.awaitGone(jobs.pids(), Duration.ofSeconds(60));
            assertThat(ControllerKilledDuringCollectionTest.agentsOf(home))
                    .as("agent JVMs of the home while the timeout ended the jobs")
                    .isEmpty();
        } finally {
            jobs.killLeftovers();
        }
        Path cache = home.resolve("agents/agent-1/cache");
        // The wrapper's sleeper wrote the marker when the timeout fired: after the host had gone.
        long firedAfterCloseMillis = Long.MAX_VALUE;
        for (String instance : jobs.instances()) {
            Path marker = cache.resolve(instance).resolve("timed-out");
            assertThat(marker).exists();
            firedAfterCloseMillis = Math.min(
                    firedAfterCloseMillis, Files.getLastModifiedTime(marker).toMillis() - closedAt);
        }
        assertThat(firedAfterCloseMillis)
                .as("the timeouts fired after every agent JVM of the home had exited")
                .isNotNegative();

        long reopening = System.nanoTime();
        String states;
        try (var second = local.open(1, "second")) {
            ScriptFixture scripts = second.scripts();
            var after = scripts.run("""
                            def ids = [%d, %d]
                            echo "ended=${waitJob(jobs: ids, timeout: 120).size()}"
                            for (id in ids) {
                                def j = getJob(id: id, quiet: true)[0]
                                echo "end-${id}=${j.state}|${j.reason}"
                            }
                            """.formatted(jobs.id(0), jobs.id(1))).ok();
            assertThat(after.value("ended")).isEqualTo("2");
            states = after.value("end-" + jobs.id(0)) + "," + after.value("end-" + jobs.id(1));
            Figures.of("R6-timeout")
                    .put("jobs", 2)
                    .put("processes", jobs.pids().size())
                    .put("launchToHostClosedMillis", launchToClosedMillis)
                    .put("aliveWhileNoAgent", aliveWhileNoAgent)
                    .put("timeoutFiredAfterHostClosedMillis", firedAfterCloseMillis)
                    .put("goneAfterLaunchMillis", goneMillis)
                    .put("secondRunMillis", (System.nanoTime() - reopening) / 1_000_000)
                    .put("states", states.replace(' ', '_'))
                    .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                    .print();
            assertThat(after.value("end-" + jobs.id(0))).isEqualTo("Failed|timed out after 3 s");
            assertThat(after.value("end-" + jobs.id(1))).isEqualTo("Failed|timed out after 3 s");
        }
        assertThat(Files.exists(jobs.collected.termedFile))
                .as("the timeout's TERM reached the job")
                .isTrue();
    }
}
