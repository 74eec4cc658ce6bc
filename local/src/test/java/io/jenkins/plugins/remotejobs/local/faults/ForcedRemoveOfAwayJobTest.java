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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        StubbornJob collected = new StubbornJob(local.scratch().resolve("jobs"), "r8-collected");
        StubbornJob kept = new StubbornJob(local.scratch().resolve("jobs"), "r8-kept");
        Set<Long> pids = new HashSet<>();
        long[] ids = new long[2];
        String[] instances;
        List<String> refusals;
        long goneMillis;
        try {
            try (var first = local.open(2, "first")) {
                var started = first.scripts()
                        .run("""
                                def a = remoteJob(node: 'agent-2', name: 'r8-collected', %s)
                                def b = remoteJob(node: 'agent-2', name: 'r8-kept', keepOnAgent: true, %s)
                                echo "ids=${a.id} ${b.id}"
                                echo "instances=${a.instanceId} ${b.instanceId}"
                                """.formatted(collected.remoteJobArguments(), kept.remoteJobArguments()))
                        .ok();
                String[] id = started.value("ids").split(" ");
                ids[0] = Long.parseLong(id[0]);
                ids[1] = Long.parseLong(id[1]);
                instances = started.value("instances").split(" ");
                pids.addAll(collected.awaitPids());
                pids.addAll(kept.awaitPids());
                // Some output reached the controller's spool, so that its removal can be checked.
                await().atMost(AgentFaults.LONG)
                        .until(() -> first.host()
                                        .manager()
                                        .table()
                                        .get(ids[0])
                                        .orElseThrow()
                                        .stdoutLength()
                                > 0);
            }
            Path cache = home.resolve("agents/agent-2/cache");
            Path spool = home.resolve("controller/spool").resolve(instances[0]);

            try (var away = local.open(1, "away")) {
                ScriptFixture scripts = away.scripts();
                await().atMost(AgentFaults.LONG)
                        .until(() -> scripts.info(ids[0]).state() == JobState.DISCONNECTED
                                && scripts.info(ids[1]).state() == JobState.DISCONNECTED);
                refusals = List.of(
                        scripts.run("removeJob id: %d, force: true".formatted(ids[0]))
                                .failed(),
                        scripts.run("removeJob id: %d, force: true".formatted(ids[1]))
                                .failed());
                var after = scripts.run("""
                                for (id in [%d, %d]) {
                                    def j = getJob(id: id, quiet: true)
                                    echo "row-${id}=${j.size()} ${j[0]?.state}"
                                }
                                """.formatted(ids[0], ids[1])).ok();
                for (int i = 0; i < 2; i++) {
                    assertThat(refusals.get(i))
                            .as("the refusal of the forced remove of job %d", ids[i])
                            .contains("agent agent-2 is unreachable")
                            .contains("job " + ids[i])
                            .contains("nothing was removed");
                    assertThat(after.value("row-" + ids[i]))
                            .as("job %d in the table after the refusal", ids[i])
                            .isEqualTo("1 Disconnected");
                    assertThat(cache.resolve(instances[i]))
                            .as("job %d's directory on its agent", ids[i])
                            .isDirectory();
                }
                assertThat(spool).as("the controller's spool of job %d", ids[0]).isDirectory();
                assertThat(ProcessTable.alive(pids))
                        .as("the jobs' processes, untouched by the refused removes")
                        .isEqualTo(pids);
            }

            try (var back = local.open(2, "back")) {
                ScriptFixture scripts = back.scripts();
                scripts.run("removeJob id: %d, force: true\nremoveJob id: %d, force: true".formatted(ids[0], ids[1]))
                        .ok();
                goneMillis = StubbornJob.awaitGone(pids, Duration.ofSeconds(60));
                for (int i = 0; i < 2; i++) {
                    assertThat(back.host().manager().table().get(ids[i]))
                            .as("job %d in the table", ids[i])
                            .isEmpty();
                    assertThat(scripts.run("getJob id: %d, quiet: true".formatted(ids[i]))
                                    .failed())
                            .as("getJob id: %d", ids[i])
                            .isEqualTo("getJob: no job with id " + ids[i]);
                    assertThat(cache.resolve(instances[i]))
                            .as("job %d's directory on its agent", ids[i])
                            .doesNotExist();
                }
                assertThat(spool).as("the controller's spool of job %d", ids[0]).doesNotExist();
            }
        } finally {
            StubbornJob.killLeftovers(pids);
        }
        Figures.of("R8-remove-away")
                .put("jobs", 2)
                .put("processes", pids.size())
                .put("refused", refusals.size())
                .put("goneAfterRemoveMillis", goneMillis)
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        System.out.println("R8-remove-away: the refusal said: " + refusals.get(0));
    }
}
