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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobManagerTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;
    TestCaller caller;

    @BeforeEach
    void start() throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1", "a2");
        manager = JobManager.open(tmp.resolve("controller"), agents, Limits.defaults());
        caller = new TestCaller("build#1", tmp.resolve("ws"));
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agents.close();
    }

    static StartSpec on(String node, String script, boolean keep) {
        return new StartSpec(node, null, null, script, "sh", null, keep, null, List.of(), 0, 32);
    }

    JobInfo awaitState(long id, JobState state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(id).orElseThrow(), i -> i.state() == state);
    }

    String receive(JobRecord job, ReceiveSpec spec) throws InterruptedException {
        return manager.receiver().receive(job, spec, caller).text();
    }

    @Test
    void aJobTheTableDoesNotKnowIsAdoptedByNobodyCollectedAndThenRemovedEverywhere() throws Exception {
        String orphan = JobIds.newInstanceId();
        agents.connect("a1")
                .orElseThrow()
                .launch(new LaunchRequest(orphan, "orphan", "sh", "echo lost and found", null, List.of(), 0, false));

        JobRecord adopted = manager.control().adopt("a1", orphan);

        assertThat(adopted.owner()).as("left to administrators").isNull();
        assertThat(adopted.name()).isEqualTo("orphan");
        awaitState(adopted.id(), JobState.COMPLETED);
        assertThat(receive(adopted, ReceiveSpec.defaults())).isEqualTo("lost and found\n");
        manager.control().remove(manager.table().get(adopted.id()).orElseThrow(), false);
        assertThat(manager.table().byInstanceId(orphan)).isEmpty();
        assertThat(tmp.resolve("agents/a1").resolve(orphan)).doesNotExist();
        assertThatThrownBy(() -> manager.control().adopt("a1", orphan))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("has no job " + orphan + " to adopt");
    }

    @Test
    void aDisconnectionSeenBeforeItsNodeWasDeletedDoesNotTakeItsJobsBackFromLost() throws Exception {
        JobRecord job = manager.starter().start(on("a1", "sleep 5", false), caller);
        // A monitor round read its node's jobs, then the node was deleted, then the round found the
        // agent gone: what it read first is out of date (found on a real Jenkins under load).
        List<JobRecord> readFirst = manager.table().watchedOn("a1");
        manager.recorder().markLost("a1", "node a1 was deleted");

        manager.recorder().markUnreachable("a1", readFirst, "agent a1 is not connected");

        JobRecord now = manager.table().get(job.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(JobState.LOST);
        assertThat(now.reason()).isEqualTo("node a1 was deleted");
    }

    @Test
    void controllerModeCollectsOutputAndReleasesTheAgentCopy() throws Exception {
        JobRecord job = manager.starter().start(on("a1", "echo hello; echo oops >&2", false), caller);
        assertThat(job.name()).isEqualTo("Job" + job.id());
        JobInfo done = awaitState(job.id(), JobState.COMPLETED);
        assertThat(done.hasMoreData()).isTrue();
        // The agent copy is released just after Completed is recorded.
        Path agentCopy = tmp.resolve("agents/a1").resolve(job.instanceId()).resolve("stdout");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(agentCopy));
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("hello\n");
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isTrue();
        ReceiveSpec stderr =
                new ReceiveSpec(List.of(StreamName.STDERR), false, false, false, null, null, null, false, false);
        assertThat(receive(job, stderr)).isEqualTo("oops\n");
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isFalse();
        assertThat(receive(job, ReceiveSpec.defaults())).isEmpty();
    }

    @Test
    void theCallersBlockEnvironmentReachesTheJobAndEnvArgumentsWin() throws Exception {
        caller.environments.put("a1", List.of("FROM_BLOCK=block value", "BOTH=block"));
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
        JobRecord job = manager.starter().start(spec, caller);
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("block value|argument\n");
        // Completed comes before the agent's copy of the output is released: the files checked are
        // what stays on the agent after that (the script, its metadata), never the job's own output.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.table().get(job.id()).orElseThrow().collected());
        Path dir = tmp.resolve("agents/a1").resolve(job.instanceId());
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
        caller.environments.put("a1", null);
        assertThatThrownBy(() -> manager.starter().start(on("a1", "echo never", false), caller))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("cannot read the environment of node a1")
                .hasMessageContaining("channel closed");
        JobRecord job = manager.table().all().get(0);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.reason()).startsWith("never launched: cannot read the environment");
    }

    @Test
    void agentModeKeepsOutputOnTheAgentAndKeepDoesNotConsume() throws Exception {
        JobRecord job = manager.starter().start(on("a2", "echo kept", true), caller);
        awaitState(job.id(), JobState.COMPLETED);
        ReceiveSpec keep =
                new ReceiveSpec(List.of(StreamName.STDOUT), true, false, false, null, null, null, false, false);
        assertThat(receive(job, keep)).isEqualTo("kept\n");
        assertThat(receive(job, keep)).isEqualTo("kept\n");
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isTrue();
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("kept\n");
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isFalse();
        assertThat(receive(job, ReceiveSpec.defaults())).isEmpty();
    }

    @Test
    void parentJobHasOneChildPerNodeAndReceivesInCreationOrder() throws Exception {
        StartSpec spec =
                new StartSpec(null, List.of("a1", "a2"), null, "echo hi", "sh", "fan", false, null, List.of(), 0, 1);
        JobRecord parent = manager.starter().start(spec, caller);
        assertThat(parent.childIds()).hasSize(2);
        awaitState(parent.id(), JobState.COMPLETED);
        assertThat(receive(parent, ReceiveSpec.defaults()))
                .isEqualTo("--- a1 (job " + parent.childIds().get(0) + ") ---\nhi\n--- a2 (job "
                        + parent.childIds().get(1) + ") ---\nhi\n");
    }

    @Test
    void waitAnyReturnsTheFirstToEndAndTimeoutReturnsWhatEnded() throws Exception {
        JobRecord slow = manager.starter().start(on("a1", "sleep 30", false), caller);
        JobRecord quick = manager.starter().start(on("a2", "true", false), caller);
        List<JobRecord> ended = manager.control().waitFor(List.of(slow, quick), true, 60L, false, caller.log());
        assertThat(ended).extracting(JobRecord::id).containsExactly(quick.id());
        List<JobRecord> none = manager.control().waitFor(List.of(slow), false, 0L, false, caller.log());
        assertThat(none).isEmpty();
        assertThat(caller.log).contains("timed out");
        manager.control().stop(slow);
        assertThat(manager.info(slow.id()).orElseThrow().state()).isEqualTo(JobState.STOPPED);
    }

    @Test
    void removeRefusesARunningJobUnlessForced() throws Exception {
        JobRecord job = manager.starter().start(on("a1", "sleep 30", true), caller);
        assertThatThrownBy(() -> manager.control().remove(job, false))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("is Running")
                .hasMessageContaining("force: true");
        manager.control().remove(job, true);
        assertThat(manager.table().get(job.id())).isEmpty();
        assertThat(tmp.resolve("agents/a1").resolve(job.instanceId())).doesNotExist();
    }

    @Test
    void textAboveTheCapFailsAndConsumesNothing() throws Exception {
        manager.close();
        manager = JobManager.open(
                tmp.resolve("controller"), agents, Limits.defaults().withTextCap(100));
        JobRecord job = manager.starter().start(on("a1", "head -c 1000 /dev/zero", false), caller);
        awaitState(job.id(), JobState.COMPLETED);
        assertThatThrownBy(() -> receive(job, ReceiveSpec.defaults()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("file:");
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isTrue();
        ReceiveSpec toFile =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, "out/z.bin", false, false);
        assertThat(manager.receiver().receive(job, toFile, caller).bytes()).isEqualTo(1000);
        assertThat(Files.size(tmp.resolve("ws/out/z.bin"))).isEqualTo(1000);
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isFalse();
    }

    @Test
    void waitingReceiveStreamsUntilTheEnd() throws Exception {
        JobRecord job =
                manager.starter().start(on("a1", "for i in 1 2 3; do echo line$i; sleep 0.2; done", true), caller);
        ReceiveSpec wait =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, true, true, null, null, null, false, false);
        assertThat(receive(job, wait)).isEqualTo("line1\nline2\nline3\n");
        assertThat(manager.table().get(job.id())).as("autoRemove").isEmpty();
    }

    @Test
    void tableAndRunningJobsSurviveAControllerRestart() throws Exception {
        JobRecord job = manager.starter().start(on("a1", "echo before; sleep 1; echo after", false), caller);
        manager.close();
        manager = JobManager.open(tmp.resolve("controller"), agents, Limits.defaults());
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("before\nafter\n");
    }

    @Test
    void disconnectedAgentMakesJobsDisconnectedUntilItReturns() throws Exception {
        JobRecord job = manager.starter().start(on("a2", "sleep 2; echo done", false), caller);
        awaitState(job.id(), JobState.RUNNING);
        agents.disconnect("a2");
        awaitState(job.id(), JobState.DISCONNECTED);
        agents.reconnect("a2");
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job, ReceiveSpec.defaults())).isEqualTo("done\n");
    }

    @Test
    void secondManagerOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> JobManager.open(tmp.resolve("controller"), agents, Limits.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already in use");
    }

    @Test
    void aLabelStartsOnItsConnectedAgentsAndNamesTheOthers() throws Exception {
        agents.disconnect("a2");
        StartSpec everywhere = new StartSpec(null, null, "all", "echo hi", "sh", null, false, null, List.of(), 0, 32);

        JobRecord parent = manager.starter().start(everywhere, caller);

        assertThat(manager.children(parent)).extracting(JobRecord::node).containsExactly("a1");
        assertThat(caller.log.toString())
                .contains("remoteJob: label 'all': not starting on a2, which is not connected");
        agents.disconnect("a1");
        assertThatThrownBy(() -> manager.starter().start(everywhere, caller))
                .isInstanceOf(JobException.class)
                .hasMessage("remoteJob: label 'all' matches only agents that are not connected: a1, a2");
        agents.reconnect("a1");
        agents.reconnect("a2");
    }
}
