package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller-mode job is recorded Completed as soon as its whole output is in the spool, before
 * the spool is synced (waiters go on; the agent's copy is released only after the sync). What a
 * machine crash in between leaves behind — the final state on the disk, the spool short of it,
 * the agent's copy whole — is reopened as Running on the next start, so a wait then a receive
 * still get the whole output, collected again from the agent.
 */
class CrashBeforeSpoolSyncTest {

    private static final String OUTPUT = "one\ntwo\nthree\n";

    @TempDir
    Path tmp;

    @Test
    void aFinishedJobWhoseSpoolIsShortIsCollectedAgainBeforeAnyoneSeesItFinished() throws Exception {
        Path controller = Files.createDirectories(tmp.resolve("controller"));
        try (InProcessAgents agents = new InProcessAgents(tmp.resolve("agents"), "a1")) {
            AgentProtocol agent = agents.connect("a1").orElseThrow();
            // The job ran and ended on the agent, which still holds its whole output.
            String instanceId = JobIds.newInstanceId();
            agent.launch(
                    new LaunchRequest(instanceId, "j", "sh", "printf '" + OUTPUT + "'", null, List.of(), 0, false));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> agent.status(instanceId).endedAt() > 0);

            // What the disk holds after the crash: the final state journalled, half the output spooled.
            try (JobTable table = JobTable.open(controller, new Signal())) {
                table.nextId();
                table.insert(finishedRecord(instanceId));
            }
            Path spooled = controller.resolve("spool").resolve(instanceId).resolve(StreamName.STDOUT.label());
            Files.createDirectories(spooled.getParent());
            Files.write(spooled, OUTPUT.substring(0, 4).getBytes(StandardCharsets.US_ASCII));

            // The agent is away when the controller starts again: nothing can be collected yet.
            agents.disconnect("a1");
            try (JobManager manager = JobManager.open(controller, agents, Limits.defaults())) {
                JobSteps steps = new JobSteps(manager);
                TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
                assertThat(manager.info(1L).orElseThrow().state())
                        .as("a job whose spool is short of its final lengths")
                        .isIn(JobState.RUNNING, JobState.DISCONNECTED);

                agents.reconnect("a1");
                steps.waitJob(Map.of("jobs", List.of(1L), "timeout", 60L), caller);
                assertThat(steps.receiveJob(Map.of("id", 1L, "quiet", true), caller))
                        .isEqualTo(OUTPUT);
                assertThat(manager.info(1L).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
            }
        }
    }

    private static JobRecord finishedRecord(String instanceId) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = 1;
        b.instanceId = instanceId;
        b.name = "j";
        b.node = "a1";
        b.command = "printf";
        b.shell = "sh";
        b.owner = "test";
        b.build = "build#1";
        b.state = JobState.COMPLETED;
        b.exitCode = 0;
        b.stdoutLength = OUTPUT.length();
        b.charset = "UTF-8";
        b.createdAt = System.currentTimeMillis();
        b.endedAt = b.createdAt;
        b.launched = true;
        return b.build();
    }
}
