package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R1: an agent JVM is killed ({@code kill -9}) while a hundred jobs on two agents write known
 * content, large and small, in both result modes. The supervisor starts the agent again; every job
 * reaches the state its exit code gives, and every stream received into a file has the sha256 of
 * what the job wrote: nothing lost, nothing delivered twice.
 */
class AgentKilledMidOutputTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    private static final int MIB = 1 << 20;

    /**
     * Four large jobs (24, 16, 12 and 8 MiB in chunks of 256 KiB), one per agent and mode pair, and
     * 96 small ones from empty to 1 MiB; every seventh also writes standard error, every tenth exits 3.
     */
    static List<PlannedJob> plan() {
        List<PlannedJob> jobs = new ArrayList<>();
        int[] bigMib = {24, 16, 12, 8};
        for (int i = 0; i < bigMib.length; i++) {
            jobs.add(new PlannedJob(
                    "r1-" + i,
                    i < 2 ? "agent-1" : "agent-2",
                    i % 2 == 1,
                    new KnownOutput("r1-" + i, bigMib[i] * 4, MIB / 4, "0.04"),
                    null,
                    0));
        }
        int[] sizes = {0, 1, 100, 4096, 65_536, 300_000};
        for (int i = bigMib.length; i < 100; i++) {
            int chunks = 1 + i % 20;
            int size = sizes[i % sizes.length];
            if (i % 16 == 5) {
                size = MIB / chunks;
            }
            jobs.add(new PlannedJob(
                    "r1-" + i,
                    i % 2 == 0 ? "agent-1" : "agent-2",
                    (i / 2) % 2 == 1,
                    new KnownOutput("r1-" + i, chunks, size, "0.3"),
                    i % 7 == 0 ? new KnownOutput("r1-" + i + "-err", 3, 1000, "0") : null,
                    i % 10 == 9 ? 3 : 0));
        }
        return jobs;
    }

    @Test
    void killingAnAgentWhileAHundredJobsWriteLosesAndRepeatsNothing() throws Exception {
        long began = System.nanoTime();
        Path generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
        List<PlannedJob> plan = plan();
        StringBuilder start = new StringBuilder();
        // The large jobs start last, so that they are still writing when the agent is killed.
        for (int i = plan.size() - 1; i >= 0; i--) {
            start.append("echo \"job-")
                    .append(i)
                    .append("=${")
                    .append(plan.get(i).remoteJobCall(generator))
                    .append(".id}\"\n");
        }
        long launching = System.nanoTime();
        var started = local.scripts().run(start.toString()).ok();
        long launchMillis = (System.nanoTime() - launching) / 1_000_000;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ids.add(started.id("job-" + i));
        }

        // Kill agent-1 once both of its large jobs are well into their output.
        await().atMost(AgentFaults.LONG)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> record(ids.get(0)).stdoutLength() >= 3L * MIB
                        && record(ids.get(1)).stdoutLength() >= MIB);
        List<Long> onAgent1 = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).node().equals("agent-1")) {
                onAgent1.add(ids.get(i));
            }
        }
        long killed = AgentFaults.killWithItsTree(local.host(), "agent-1");
        long runningAtKill =
                onAgent1.stream().filter(id -> !record(id).state().isFinished()).count();
        assertThat(record(ids.get(0)).state().isFinished())
                .as("the largest job was still writing when its agent died: %s", record(ids.get(0)))
                .isFalse();
        AgentFaults.awaitRestarted(local.host(), "agent-1", killed);

        Path dir = local.scripts().workingDirectory().resolve("r1");
        var received = local.scripts()
                .run(ReceivedPlan.script(ids, "r1", "echo \"more-${id}=${j.hasMoreData}\""))
                .ok();

        StreamCheck check = new StreamCheck();
        List<String> wrongStates = ReceivedPlan.check(plan, ids, received::value, dir, check);
        for (int i = 0; i < plan.size(); i++) {
            assertThat(received.value("more-" + ids.get(i)))
                    .as("hasMoreData of %s", plan.get(i).name())
                    .isEqualTo("false");
        }
        Map<String, Long> states =
                plan.stream().collect(Collectors.groupingBy(PlannedJob::expectedState, Collectors.counting()));
        check.figures(Figures.of("R1")
                        .put("jobs", plan.size())
                        .put("agents", 2)
                        .put("killed", "agent-1")
                        .put("launchMillis", launchMillis)
                        .put("runningAtKill", runningAtKill)
                        .put("completed", states.get("Completed"))
                        .put("failed", states.get("Failed"))
                        .put("wrongStates", wrongStates.size()))
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();

        assertThat(wrongStates).as("jobs in the wrong final state").isEmpty();
        assertThat(check.problems)
                .as("streams that differ from what the jobs wrote")
                .isEmpty();
        assertThat(check.lost).isZero();
        assertThat(check.duplicated).isZero();
        assertThat(runningAtKill)
                .as("agent-1's jobs still running when it was killed")
                .isPositive();
    }

    private static JobRecord record(long id) {
        return local.host().manager().table().get(id).orElseThrow();
    }
}
