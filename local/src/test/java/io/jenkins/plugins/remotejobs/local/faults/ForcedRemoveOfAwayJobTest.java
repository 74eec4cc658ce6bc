package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R8: {@code removeJob force: true} on jobs whose agent is away. A first run with two agents starts
 * two jobs on {@code agent-2} (one per result mode) that only KILL ends; a second run on the same
 * home starts only {@code agent-1}, so {@code agent-2} is away for all of it and its jobs are {@code
 * Disconnected}. There the forced remove is refused with an error that names the agent and says
 * nothing was removed; the jobs stay in the table, their processes and files untouched. A third
 * run with both agents removes them: their processes, their directories in the agent's cache and
 * the controller's spool are gone.
 */
class ForcedRemoveOfAwayJobTest {

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    @Test
    void aForcedRemoveOfAJobWhoseAgentIsAwayIsRefusedAndSucceedsOnceTheAgentIsBack() throws Exception {
        assumeThat(ProcessTable.available()).as("Linux /proc").isTrue();
        long began = System.nanoTime();
        Path home = local.home();
        StubbornPair jobs = new StubbornPair(local.scratch().resolve("jobs"), "r8");
        List<String> refusals;
        long goneMillis;
        try {
            try (var first = local.open(2, "first")) {
                jobs.start(first.scripts(), "agent-2", "");
                // Some output reached the controller's spool, so that its removal can be checked.
                await().atMost(AgentFaults.LONG)
                        .until(() -> first.host()
                                        .manager()
                                        .table()
                                        .get(jobs.id(0))
                                        .orElseThrow()
                                        .stdoutLength()
                                > 0);
            }
            Path cache = home.resolve("agents/agent-2/cache");
            Path spool = home.resolve("controller/spool").resolve(jobs.instance(0));

            try (var away = local.open(1, "away")) {
                ScriptFixture scripts = away.scripts();
                await().atMost(AgentFaults.LONG)
                        .until(() -> scripts.info(jobs.id(0)).state() == JobState.DISCONNECTED
                                && scripts.info(jobs.id(1)).state() == JobState.DISCONNECTED);
                refusals = List.of(
                        scripts.run("removeJob id: %d, force: true".formatted(jobs.id(0)))
                                .failed(),
                        scripts.run("removeJob id: %d, force: true".formatted(jobs.id(1)))
                                .failed());
                var after = scripts.run("""
                                for (id in [%d, %d]) {
                                    def j = getJob(id: id, quiet: true)
                                    echo "row-${id}=${j.size()} ${j[0]?.state}"
                                }
                                """.formatted(jobs.id(0), jobs.id(1))).ok();
                for (int i = 0; i < 2; i++) {
                    assertThat(refusals.get(i))
                            .as("the refusal of the forced remove of job %d", jobs.id(i))
                            .contains("agent agent-2 is unreachable")
                            .contains("job " + jobs.id(i))
                            .contains("nothing was removed");
                    assertThat(after.value("row-" + jobs.id(i)))
                            .as("job %d in the table after the refusal", jobs.id(i))
                            .isEqualTo("1 Disconnected");
                    assertThat(cache.resolve(jobs.instance(i)))
                            .as("job %d's directory on its agent", jobs.id(i))
                            .isDirectory();
                }
                assertThat(spool)
                        .as("the controller's spool of job %d", jobs.id(0))
                        .isDirectory();
                assertThat(ProcessTable.alive(jobs.pids()))
                        .as("the jobs' processes, untouched by the refused removes")
                        .isEqualTo(jobs.pids());
            }

            try (var back = local.open(2, "back")) {
                ScriptFixture scripts = back.scripts();
                scripts.run("removeJob id: %d, force: true\nremoveJob id: %d, force: true"
                                .formatted(jobs.id(0), jobs.id(1)))
                        .ok();
                goneMillis = StubbornJob.awaitGone(jobs.pids(), Duration.ofSeconds(60));
                for (int i = 0; i < 2; i++) {
                    assertThat(back.host().manager().table().get(jobs.id(i)))
                            .as("job %d in the table", jobs.id(i))
                            .isEmpty();
                    assertThat(scripts.run("getJob id: %d, quiet: true".formatted(jobs.id(i)))
                                    .failed())
                            .as("getJob id: %d", jobs.id(i))
                            .isEqualTo("getJob: no job with id " + jobs.id(i));
                    assertThat(cache.resolve(jobs.instance(i)))
                            .as("job %d's directory on its agent", jobs.id(i))
                            .doesNotExist();
                }
                assertThat(spool)
                        .as("the controller's spool of job %d", jobs.id(0))
                        .doesNotExist();
            }
        } finally {
            jobs.killLeftovers();
        }
        Figures.of("R8-remove-away")
                .put("jobs", 2)
                .put("processes", jobs.pids().size())
                .put("refused", refusals.size())
                .put("goneAfterRemoveMillis", goneMillis)
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        System.out.println("R8-remove-away: the refusal said: " + refusals.get(0));
    }
}
