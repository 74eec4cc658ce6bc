package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R6, stop: a job that ignores TERM is stopped with {@code stopJob}, then its agent JVM is killed
 * ({@code kill -9}) at once, well within the stop's grace period (5 s), before the agent's own KILL
 * timer fires. The agent is then kept down (its cache's lock held) until the job's processes are
 * gone, so that only what runs beside the job can have killed them; no restarted agent re-sends
 * anything meanwhile. Checked in the process table: the job's shell and its child are gone (zombies
 * do not count); once the supervisor has started the agent again, the job is {@code Stopped}.
 */
class StopThenAgentKilledTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    /** The agent's stop grace period (JobCache's default): KILL follows TERM after it. */
    private static final long GRACE_MILLIS = 5_000;

    /**
     * In both modes the job reads Running until its processes are gone, so {@code stopJob} is still
     * under way when the agent dies: the agent is killed the moment TERM reached the job's process
     * group (the job's watcher records it), which usually cuts the stop call's answer. The agent
     * recorded the stop before any signal; the step sends it again once the agent is back and
     * succeeds, and the job ends Stopped.
     */
    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void aJobStoppedThenItsAgentKilledIsKilledBesideTheJobAndEndsStopped(boolean keepOnAgent) throws Exception {
        assumeThat(ProcessTable.available()).as("Linux /proc").isTrue();
        long began = System.nanoTime();
        String name = keepOnAgent ? "r6-kept" : "r6-collected";
        StubbornJob job = new StubbornJob(local.scratch().resolve(name), name);
        long id = local.scripts()
                .run("echo \"id=${remoteJob(node: 'agent-1', keepOnAgent: %s, name: '%s', %s).id}\""
                        .formatted(keepOnAgent, name, job.remoteJobArguments()))
                .ok()
                .id("id");
        Set<Long> pids = job.awaitPids();
        long killed;
        long stopToKill;
        boolean aliveAfterKill;
        long goneMillis;
        CompletableFuture<ScriptFixture.Result> stopping;
        try {
            long stopped = System.nanoTime();
            stopping = local.scripts().start("stopJob id: %d".formatted(id));
            await().atMost(AgentFaults.LONG)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> Files.exists(job.termedFile));
            try (var down = AgentFaults.keepDown(local.host(), "agent-1", AgentFaults::killWithItsTree)) {
                killed = down.firstKilledPid();
                stopToKill = (System.nanoTime() - stopped) / 1_000_000;
                assertThat(stopToKill)
                        .as("the agent died within the stop's grace period")
                        .isLessThan(GRACE_MILLIS);
                aliveAfterKill = ProcessTable.alive(pids).equals(pids);
                assertThat(aliveAfterKill)
                        .as(
                                "the job's processes outlived the TERM and the agent's death (%d ms after the stop)",
                                stopToKill)
                        .isTrue();
                assertThat(local.scripts().info(id).state())
                        .as("while the agent is down and the processes may run")
                        .isNotEqualTo(JobState.STOPPED);
                goneMillis = stopToKill + StubbornJob.awaitGone(pids, Duration.ofSeconds(60));
            }
        } finally {
            StubbornJob.killLeftovers(pids);
        }
        ScriptFixture.Result step = stopping.get(120, TimeUnit.SECONDS);
        AgentFaults.awaitRestarted(local.host(), "agent-1", killed);
        var after = local.scripts().run("""
                        def ended = waitJob(jobs: [%1$d], timeout: 120)
                        echo "ended=${ended.size()}"
                        def j = getJob(id: %1$d, quiet: true)[0]
                        echo "state=${j.state}"
                        echo "reason=${j.reason}"
                        """.formatted(id)).ok();
        Figures.of(keepOnAgent ? "R6-stop-kept" : "R6-stop-collected")
                .put("processes", pids.size())
                .put("step", step.succeeded() ? "ok" : "failed")
                .put("stopToKillMillis", stopToKill)
                .put("aliveAfterKill", aliveAfterKill)
                .put("goneAfterStopMillis", goneMillis)
                .put("finalState", after.value("state"))
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(step.failure())
                .as("the stop step (a lost answer is sent again once the agent is back)")
                .isNull();
        assertThat(after.value("ended")).isEqualTo("1");
        assertThat(after.value("state")).isEqualTo("Stopped");
        assertThat(after.value("reason")).isEqualTo("stopped by request");
        assertThat(local.scripts().info(id).state()).isEqualTo(JobState.STOPPED);
    }
}
