package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobManagerTest {

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1", "a2");

    static StartSpec on(String node, String script, boolean keep) {
        return new StartSpec(node, null, null, script, "sh", null, keep, null, List.of(), 0, 32);
    }

    /** A job that prints {@code before}, waits until {@code gate} exists, then prints {@code after}. */
    static StartSpec gated(String node, String before, java.nio.file.Path gate, String after, boolean keep) {
        return on(node, "echo " + before + "; while [ ! -e '" + gate + "' ]; do sleep 0.05; done; echo " + after, keep);
    }

    JobInfo awaitState(long id, JobState state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(id).orElseThrow(), i -> i.state() == state);
    }

    String receive(JobRecord job, ReceiveSpec spec) throws InterruptedException {
        return controller
                .manager()
                .receiver()
                .receive(job, spec, controller.caller())
                .text();
    }

    @Test
    void aJobTheTableDoesNotKnowIsAdoptedByNobodyCollectedAndThenRemovedEverywhere() throws Exception {
        String orphan = JobIds.newInstanceId();
        controller
                .agents()
                .connect("a1")
                .orElseThrow()
                .launch(new LaunchRequest(orphan, "orphan", "sh", "echo lost and found", null, List.of(), 0, false));

        JobRecord adopted = controller.manager().control().adopt("a1", orphan);

        assertThat(adopted.owner()).as("left to administrators").isNull();
        assertThat(adopted.name()).isEqualTo("orphan");
        awaitState(adopted.id(), JobState.COMPLETED);
        assertThat(receive(adopted, ReceiveSpec.defaults())).isEqualTo("lost and found\n");
        controller
                .manager()
                .control()
                .remove(controller.manager().table().get(adopted.id()).orElseThrow(), false);
        assertThat(controller.manager().table().byInstanceId(orphan)).isEmpty();
        assertThat(controller.scratch().resolve("agents/a1").resolve(orphan)).doesNotExist();
        assertThatThrownBy(() -> controller.manager().control().adopt("a1", orphan))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("has no job " + orphan + " to adopt");
    }

    @Test
    void aDisconnectionSeenBeforeItsNodeWasDeletedDoesNotTakeItsJobsBackFromLost() throws Exception {
        JobRecord job = controller.manager().starter().start(on("a1", "sleep 5", false), controller.caller());
        // A monitor round read its node's jobs, then the node was deleted, then the round found the
        // agent gone: what it read first is out of date (found on a real Jenkins under load).
        List<JobRecord> readFirst = controller.manager().table().watchedOn("a1");
        controller.manager().recorder().markLost("a1", "node a1 was deleted");

        controller.manager().recorder().markUnreachable("a1", readFirst, "agent a1 is not connected");

        JobRecord now = controller.manager().table().get(job.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(JobState.LOST);
        assertThat(now.reason()).isEqualTo("node a1 was deleted");
    }

    @Test
    void controllerModeCollectsOutputAndReleasesTheAgentCopy() throws Exception {
        JobRecord job =
                controller.manager().starter().start(on("a1", "echo hello; echo oops >&2", false), controller.caller());
        assertThat(job.name()).isEqualTo("Job" + job.id());
        JobInfo done = awaitState(job.id(), JobState.COMPLETED);
        assertThat(done.hasMoreData()).isTrue();
        // The agent copy is released just after Completed is recorded.
        Path agentCopy = controller
                .scratch()
                .resolve("agents/a1")
                .resolve(job.instanceId())
                .resolve("stdout");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(agentCopy));
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("hello\n");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isTrue();
        ReceiveSpec stderr =
                new ReceiveSpec(List.of(StreamName.STDERR), false, false, false, null, null, null, false, false);
        assertThat(receive(job, stderr)).isEqualTo("oops\n");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
        assertThat(receive(job, ReceiveSpec.defaults())).isEmpty();
    }

    @Test
    void theCallersBlockEnvironmentReachesTheJobAndEnvArgumentsWin() throws Exception {
        controller.caller().environments.put("a1", List.of("FROM_BLOCK=block value", "BOTH=block"));
        StartSpec spec = new StartSpec(
                "a1",
                null,
                null,
                "echo \"$FROM_BLOCK|$BOTH\"",
                "sh",
                null,
                false,
                null,
                List.of("BOTH=argument"),
                0,
                32);
        JobRecord job = controller.manager().starter().start(spec, controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("block value|argument\n");
        // Completed comes before the agent's copy of the output is released: the files checked are
        // what stays on the agent after that (the script, its metadata), never the job's own output.
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        controller.manager().table().get(job.id()).orElseThrow().collected());
        Path dir = controller.scratch().resolve("agents/a1").resolve(job.instanceId());
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("agent file %s", f.getFileName())
                        .doesNotContain("block value");
            }
        }
    }

    @Test
    void aNodeEnvironmentThatCannotBeReadFailsTheStartWithItsReason() {
        controller.caller().environments.put("a1", null);
        assertThatThrownBy(
                        () -> controller.manager().starter().start(on("a1", "echo never", false), controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("cannot read the environment of node a1")
                .hasMessageContaining("channel closed");
        JobRecord job = controller.manager().table().all().get(0);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.reason()).startsWith("never launched: cannot read the environment");
    }

    @Test
    void agentModeKeepsOutputOnTheAgentAndKeepDoesNotConsume() throws Exception {
        JobRecord job = controller.manager().starter().start(on("a2", "echo kept", true), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        ReceiveSpec keep =
                new ReceiveSpec(List.of(StreamName.STDOUT), true, false, false, null, null, null, false, false);
        assertThat(receive(job, keep)).isEqualTo("kept\n");
        assertThat(receive(job, keep)).isEqualTo("kept\n");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isTrue();
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("kept\n");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
        assertThat(receive(job, ReceiveSpec.defaults())).isEmpty();
    }

    @Test
    void parentJobHasOneChildPerNodeAndReceivesInCreationOrder() throws Exception {
        StartSpec spec =
                new StartSpec(null, List.of("a1", "a2"), null, "echo hi", "sh", "fan", false, null, List.of(), 0, 1);
        JobRecord parent = controller.manager().starter().start(spec, controller.caller());
        assertThat(parent.childIds()).hasSize(2);
        awaitState(parent.id(), JobState.COMPLETED);
        assertThat(receive(parent, ReceiveSpec.defaults()))
                .isEqualTo("--- a1 (job " + parent.childIds().get(0) + ") ---\nhi\n--- a2 (job "
                        + parent.childIds().get(1) + ") ---\nhi\n");
    }

    @Test
    void waitAnyReturnsTheFirstToEndAndTimeoutReturnsWhatEnded() throws Exception {
        JobRecord slow = controller.manager().starter().start(on("a1", "sleep 30", false), controller.caller());
        JobRecord quick = controller.manager().starter().start(on("a2", "true", false), controller.caller());
        List<JobRecord> ended = controller
                .manager()
                .control()
                .waitFor(
                        List.of(slow, quick),
                        true,
                        60L,
                        false,
                        controller.caller().log());
        assertThat(ended).extracting(JobRecord::id).containsExactly(quick.id());
        List<JobRecord> none = controller
                .manager()
                .control()
                .waitFor(List.of(slow), false, 0L, false, controller.caller().log());
        assertThat(none).isEmpty();
        assertThat(controller.caller().log).contains("timed out");
        controller.manager().control().stop(slow);
        assertThat(controller.manager().info(slow.id()).orElseThrow().state()).isEqualTo(JobState.STOPPED);
    }

    @Test
    void removeRefusesARunningJobUnlessForced() throws Exception {
        JobRecord job = controller.manager().starter().start(on("a1", "sleep 30", true), controller.caller());
        assertThatThrownBy(() -> controller.manager().control().remove(job, false))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("is Running")
                .hasMessageContaining("force: true");
        controller.manager().control().remove(job, true);
        assertThat(controller.manager().table().get(job.id())).isEmpty();
        assertThat(controller.scratch().resolve("agents/a1").resolve(job.instanceId()))
                .doesNotExist();
    }

    @Test
    void textAboveTheCapFailsAndConsumesNothing() throws Exception {
        controller.manager().close();
        controller.open(Limits.defaults().withTextCap(100));
        JobRecord job =
                controller.manager().starter().start(on("a1", "head -c 1000 /dev/zero", false), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        assertThatThrownBy(() -> receive(job, ReceiveSpec.defaults()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("file:");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isTrue();
        ReceiveSpec toFile =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, "out/z.bin", false, false);
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(job, toFile, controller.caller())
                        .bytes())
                .isEqualTo(1000);
        assertThat(Files.size(controller.scratch().resolve("ws/out/z.bin"))).isEqualTo(1000);
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
    }

    @Test
    void waitingReceiveStreamsUntilTheEnd() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(on("a1", "for i in 1 2 3; do echo line$i; sleep 0.2; done", true), controller.caller());
        ReceiveSpec wait =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, true, true, null, null, null, false, false);
        assertThat(receive(job, wait)).isEqualTo("line1\nline2\nline3\n");
        assertThat(controller.manager().table().get(job.id())).as("autoRemove").isEmpty();
    }

    @Test
    void tableAndRunningJobsSurviveAControllerRestart() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(on("a1", "echo before; sleep 1; echo after", false), controller.caller());
        controller.manager().close();
        controller.open(Limits.defaults());
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("before\nafter\n");
    }

    @Test
    void disconnectedAgentMakesJobsDisconnectedUntilItReturns() throws Exception {
        JobRecord job =
                controller.manager().starter().start(on("a2", "sleep 2; echo done", false), controller.caller());
        awaitState(job.id(), JobState.RUNNING);
        controller.agents().disconnect("a2");
        awaitState(job.id(), JobState.DISCONNECTED);
        controller.agents().reconnect("a2");
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("done\n");
    }

    @Test
    void secondManagerOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> JobManager.open(
                        controller.scratch().resolve("controller"), controller.agents(), Limits.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already in use");
    }

    @Test
    void aLabelStartsOnItsConnectedAgentsAndNamesTheOthers() throws Exception {
        controller.agents().disconnect("a2");
        StartSpec everywhere = new StartSpec(null, null, "all", "echo hi", "sh", null, false, null, List.of(), 0, 32);

        JobRecord parent = controller.manager().starter().start(everywhere, controller.caller());

        assertThat(controller.manager().children(parent))
                .extracting(JobRecord::node)
                .containsExactly("a1");
        assertThat(controller.caller().log.toString())
                .contains("remoteJob: label 'all': not starting on a2, which is not connected");
        controller.agents().disconnect("a1");
        assertThatThrownBy(() -> controller.manager().starter().start(everywhere, controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessage("remoteJob: label 'all' matches only agents that are not connected: a1, a2");
        controller.agents().reconnect("a1");
        controller.agents().reconnect("a2");
    }
}
