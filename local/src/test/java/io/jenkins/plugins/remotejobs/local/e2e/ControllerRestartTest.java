package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One home, several runs: the controller (the whole local host) stops and starts again while jobs
 * run, and a later run finds what an earlier one left, as a later build does in Jenkins.
 */
class ControllerRestartTest {

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    @Test
    void collectionResumesAfterARestartAndDeliversTheWholeOutputExactlyOnce() throws IOException {
        Path home = local.home();
        long id;
        try (var first = local.open(2, "")) {
            ScriptFixture scripts = first.scripts();
            var r = scripts.run("""
                    def j = remoteJob node: 'agent-2', script: '%s', name: 'resumed'
                    while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                    echo "id=${j.id}"
                    echo "bytes=${receiveJob(job: j, file: 'part1.txt', quiet: true)}"
                    """.formatted(AgentFailureTest.COUNTER)).ok();
            id = r.id("id");
            assertThat(Long.parseLong(r.value("bytes"))).isPositive();
            assertThat(scripts.info(id).state()).isEqualTo(JobState.RUNNING);
        }

        try (var second = local.open(2, "")) {
            ScriptFixture scripts = second.scripts();
            var r = scripts.run("""
                    echo "bytes=${receiveJob(name: 'resumed', wait: true, file: 'part2.txt', quiet: true)}"
                    echo "state=${getJob(name: 'resumed', quiet: true)[0].state}"
                    echo "more=${getJob(name: 'resumed', quiet: true)[0].hasMoreData}"
                    """).ok();
            assertThat(Long.parseLong(r.value("bytes"))).isPositive();
            assertThat(r.value("state")).isEqualTo("Completed");
            assertThat(r.value("more")).isEqualTo("false");
            String part1 = Files.readString(scripts.workingDirectory().resolve("part1.txt"));
            String part2 = Files.readString(scripts.workingDirectory().resolve("part2.txt"));
            assertThat(part1 + part2).isEqualTo(AgentFailureTest.counted());
            String instanceId =
                    second.host().manager().table().get(id).orElseThrow().instanceId();
            assertThat(home.resolve("controller/spool").resolve(instanceId).resolve("stdout"))
                    .hasContent(AgentFailureTest.counted().stripTrailing());
        }
    }

    @Test
    void aJobLeftDisconnectedByAnEarlierRunIsRunningWhenTheScriptStartsIfItsAgentIsUp() throws IOException {
        Path home = local.home();
        long id;
        try (var first = local.open(2, "")) {
            id = first.scripts()
                    .run("echo \"id=${remoteJob(node: 'agent-2', script: 'sleep 300', name: 'left').id}\"")
                    .ok()
                    .id("id");
        }
        try (var withoutAgent2 = local.open(1, "")) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> withoutAgent2.scripts().info(id).state() == JobState.DISCONNECTED);
        }

        try (var again = local.open(2, "")) {
            var r = again.scripts().run("""
                            echo "state=${getJob(name: 'left', quiet: true)[0].state}"
                            stopJob job: getJob(name: 'left', quiet: true)[0]
                            """).ok();
            assertThat(r.value("state")).isEqualTo("Running");
        }
    }

    @Test
    void aJobKeptOnTheAgentByOneRunIsListedReceivedAndRemovedByTheNext() throws IOException {
        Path home = local.home();
        String instanceId;
        try (var first = local.open(2, "")) {
            var r = first.scripts().run("""
                    def k = remoteJob node: 'agent-1', keepOnAgent: true, name: 'kept-across', script: 'echo kept 1; echo kept 2'
                    waitJob jobs: [k]
                    echo "first=${receiveJob(name: 'kept-across', keep: true, quiet: true).readLines()}"
                    echo "iid=${k.instanceId}"
                    """).ok();
            assertThat(r.value("first")).isEqualTo("[kept 1, kept 2]");
            instanceId = r.value("iid");
        }

        try (var second = local.open(2, "")) {
            var r = second.scripts().run("""
                    echo "mine=${getJob().size()}"
                    echo "named=${getJob(name: 'kept-across').collect { it.name + ' ' + it.state + ' ' + it.hasMoreData }}"
                    echo "all=${getJob(all: true, quiet: true).collect { it.name }}"
                    echo "kept=${receiveJob(name: 'kept-across', keep: true, quiet: true).readLines()}"
                    echo "taken=${receiveJob(name: 'kept-across', quiet: true).readLines()}"
                    echo "more=${getJob(name: 'kept-across', quiet: true)[0].hasMoreData}"
                    removeJob name: 'kept-across'
                    echo "left=${getJob(all: true, quiet: true).size()}"
                    """).ok();
            assertThat(r.value("mine")).isEqualTo("0");
            assertThat(r.value("named")).isEqualTo("[kept-across Completed true]");
            assertThat(r.log()).containsPattern("1 +kept-across +Completed +True +agent-1 +echo kept 1; echo kept 2");
            assertThat(r.value("all")).isEqualTo("[kept-across]");
            assertThat(r.value("kept")).isEqualTo("[kept 1, kept 2]");
            assertThat(r.value("taken")).isEqualTo("[kept 1, kept 2]");
            assertThat(r.value("more")).isEqualTo("false");
            assertThat(r.value("left")).isEqualTo("0");
            assertThat(home.resolve("agents/agent-1/cache").resolve(instanceId)).doesNotExist();
        }
    }

    @Test
    void aSecondHostOnTheSameHomeIsRefusedWhileTheFirstRuns() throws IOException {
        Path home = local.home();
        try (var first = local.open(1, "")) {
            assertThatThrownBy(() -> local.open(1, ""))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("another remote-jobs run is using the home " + home.toRealPath()
                            + "; wait for it to finish, or give this run its own --home");

            // The refused start disturbed nothing: the first run goes on.
            var r = first.scripts().run("""
                    def j = remoteJob node: 'agent-1', script: 'echo still mine'
                    waitJob jobs: [j]
                    echo "out=${receiveJob(job: j, quiet: true).trim()}"
                    """).ok();
            assertThat(r.value("out")).isEqualTo("still mine");
        }
        // Once the first has finished, the home is free again.
        try (var again = local.open(1, "")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> again.host().agents().connect("agent-1").isPresent());
        }
    }
}
