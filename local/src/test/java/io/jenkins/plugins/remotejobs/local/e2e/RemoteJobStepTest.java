package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every argument of {@code remoteJob}, through the script runner against two real agent JVMs. */
class RemoteJobStepTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    @Test
    void nodeRunsTheScriptThereAndTheDefaultNameIsJobAndItsId() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'echo "hello from $PWD"'
                echo "id=${j.id}"
                echo "name=${j.name}"
                echo "location=${j.location}"
                waitJob jobs: [j]
                echo "out=${receiveJob(job: j, quiet: true).trim()}"
                echo "state=${j.state}"
                echo "exit=${j.exitCode}"
                """).ok();

        long id = r.id("id");
        assertThat(r.value("name")).isEqualTo("Job" + id);
        assertThat(r.value("location")).isEqualTo("agent-2");
        assertThat(r.value("out"))
                .startsWith("hello from " + local.host().home().resolve("agents/agent-2/cache"));
        assertThat(r.value("state")).isEqualTo("Completed");
        assertThat(r.value("exit")).isEqualTo("0");
    }

    @Test
    void givenNameIsTheJobsName() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'true', name: 'given-name'
                echo "id=${j.id}"
                echo "name=${j.name}"
                """).ok();

        assertThat(r.value("name")).isEqualTo("given-name");
        assertThat(local.scripts().info(r.id("id")).name()).isEqualTo("given-name");
    }

    @Test
    void nodesMakeAParentWithOneChildPerNodeStartedThrottleAtATime() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'echo child', name: 'fan', throttle: 1
                echo "id=${p.id}"
                echo "children=${p.childJobs.collect { it.location }.join(',')}"
                waitJob jobs: [p]
                echo "state=${p.state}"
                """).ok();

        JobInfo parent = local.scripts().info(r.id("id"));
        assertThat(r.value("children")).isEqualTo("agent-1,agent-2");
        assertThat(parent.location()).isEqualTo("agent-1, agent-2");
        assertThat(parent.childIds()).hasSize(2);
        assertThat(r.value("state")).isEqualTo("Completed");
        assertThat(parent.childIds())
                .allSatisfy(c -> assertThat(local.scripts().info(c).name()).isEqualTo("fan"));
    }

    @Test
    void labelLocalSelectsEveryAgentAndAnAgentsNameOnlyThatAgent() {
        var r = local.scripts().run("""
                def all = remoteJob label: 'local', script: 'true'
                def one = remoteJob label: 'agent-2', script: 'true'
                echo "all=${all.childJobs.collect { it.location }.join(',')}"
                echo "one=${one.childJobs.collect { it.location }.join(',')}"
                """).ok();

        assertThat(r.value("all")).isEqualTo("agent-1,agent-2");
        assertThat(r.value("one")).isEqualTo("agent-2");
    }

    @Test
    void shellShRunsTheScriptWithShAndAShebangPicksItsInterpreter() {
        var r = local.scripts().run("""
                def a = remoteJob node: 'agent-1', shell: 'sh', script: 'echo "shell: $(cat /proc/$$/comm)"'
                def b = remoteJob node: 'agent-1', script: '#!/usr/bin/env perl\\nprint "perl " . (1 + 1) . "\\\\n";'
                waitJob jobs: [a, b]
                echo "a=${receiveJob(job: a, quiet: true).trim()}"
                echo "b=${receiveJob(job: b, quiet: true).trim()}"
                """).ok();

        assertThat(r.value("a")).isEqualTo("shell: sh");
        assertThat(r.value("b")).isEqualTo("perl 2");
    }

    @Test
    void aShellTheAgentCannotRunFailsTheLaunchWithTheReason() {
        var r = local.scripts().run("""
                def bat = remoteJob node: 'agent-1', shell: 'bat', script: 'echo hi'
                echo "state=${bat.state}"
                echo "reason=${bat.reason}"
                def pwsh = remoteJob node: 'agent-1', shell: 'pwsh', script: 'Write-Output hi'
                waitJob jobs: [pwsh]
                echo "pwsh=${pwsh.state}: ${pwsh.reason}"
                """).ok();

        assertThat(r.value("state")).isEqualTo("Failed");
        assertThat(r.value("reason")).isEqualTo("launch failed: shell 'bat' needs a Windows agent");
        // pwsh runs where it is installed; where it is not, the launch fails and says so.
        assertThat(r.value("pwsh")).matches("Completed: null|Failed: launch failed: shell 'pwsh' is not installed.*");
    }

    @Test
    void keepOnAgentLeavesTheOutputInTheAgentsCacheWhileControllerModeSpoolsIt() throws IOException {
        var r = local.scripts().run("""
                def kept = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo kept-output'
                def spooled = remoteJob node: 'agent-1', script: 'echo spooled-output'
                waitJob jobs: [kept, spooled]
                echo "kept=${kept.instanceId}"
                echo "keptFlag=${kept.keepOnAgent}"
                echo "spooled=${spooled.instanceId}"
                echo "spooledFlag=${spooled.keepOnAgent}"
                """).ok();

        Path cache = local.host().home().resolve("agents/agent-1/cache");
        Path spool = local.host().home().resolve("controller/spool");
        assertThat(r.value("keptFlag")).isEqualTo("true");
        assertThat(r.value("spooledFlag")).isEqualTo("false");
        assertThat(cache.resolve(r.value("kept")).resolve("stdout")).hasContent("kept-output");
        assertThat(spool.resolve(r.value("kept"))).doesNotExist();
        assertThat(spool.resolve(r.value("spooled")).resolve("stdout")).hasContent("spooled-output");
        // Collected: the agent keeps only a tombstone. Its copy is released just after the job is
        // reported Completed (waiters need not wait for the release), so wait for it.
        Path agentCopy = cache.resolve(r.value("spooled")).resolve("stdout");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(agentCopy));
    }

    @Test
    void dirIsTheWorkingDirectoryAndTheDefaultIsTheJobsOwnWorkFolder() throws IOException {
        Path dir = Files.createDirectories(local.scratch().resolve("given dir"));
        var r = local.scripts().run("""
                def given = remoteJob node: 'agent-1', dir: '%s', script: 'pwd'
                def own = remoteJob node: 'agent-1', script: 'pwd'
                waitJob jobs: [given, own]
                echo "given=${receiveJob(job: given, quiet: true).trim()}"
                echo "own=${receiveJob(job: own, quiet: true).trim()}"
                echo "ownId=${own.instanceId}"
                """.formatted(dir.toRealPath())).ok();

        assertThat(r.value("given")).isEqualTo(dir.toRealPath().toString());
        assertThat(r.value("own"))
                .isEqualTo(local.host()
                        .home()
                        .resolve("agents/agent-1/cache")
                        .resolve(r.value("ownId"))
                        .resolve("work")
                        .toString());
    }

    @Test
    void aMissingDirFailsTheJobWithTheReason() {
        Path missing = local.scratch().resolve("no-such-dir");
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', dir: '%s', script: 'echo never'
                echo "id=${j.id}"
                echo "state=${j.state}"
                echo "reason=${j.reason}"
                """.formatted(missing)).ok();

        assertThat(r.value("state")).isEqualTo("Failed");
        assertThat(r.value("reason"))
                .isEqualTo("launch failed: working directory '" + missing + "' does not exist on this agent");
        assertThat(local.scripts().info(r.id("id")).hasMoreData()).isFalse();
    }

    @Test
    void envValuesReachTheProcessAndAreWrittenNowhereButTheJobsOwnOutput() throws IOException {
        String secret = "s3cr3t-" + UUID.randomUUID();
        var r = local.scripts().run("""
                def a = remoteJob node: 'agent-1', env: ['TOKEN=%1$s', 'OTHER=x=y'], script: 'echo "token=$TOKEN other=$OTHER"'
                def b = remoteJob node: 'agent-2', env: ['TOKEN=%1$s'], keepOnAgent: true, script: 'echo "token=$TOKEN"'
                waitJob jobs: [a, b]
                echo "a=${receiveJob(job: a, keep: true, quiet: true).trim()}"
                echo "b=${receiveJob(job: b, keep: true, quiet: true).trim()}"
                getJob()
                """.formatted(secret)).ok();

        assertThat(r.value("a")).isEqualTo("token=" + secret + " other=x=y");
        assertThat(r.value("b")).isEqualTo("token=" + secret);
        // Every job of this host settled (collected, released), so that no file moves under the walk.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> local.scripts().table().stream().noneMatch(JobRecord::needsWatching));
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> holding;
        try (Stream<Path> files = Files.walk(local.host().home())) {
            holding = files.filter(Files::isRegularFile)
                    .filter(f -> contains(f, needle))
                    .toList();
        }
        // The job printed it itself: its stdout (on the controller for a, in b's agent cache) holds it.
        assertThat(holding)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getFileName()).hasToString("stdout"));
        assertThat(holding).hasSize(2);
    }

    @Test
    void timeoutIsEnforcedOnTheAgentAndFailsTheJobAsTimedOut() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', timeout: 1, script: 'echo begun; sleep 60; echo never'
                waitJob jobs: [j], timeout: 60
                echo "state=${j.state}"
                echo "reason=${j.reason}"
                echo "out=${receiveJob(job: j, quiet: true).trim()}"
                """).ok();

        assertThat(r.value("state")).as(r.log()).isEqualTo("Failed");
        assertThat(r.value("reason")).isEqualTo("timed out after 1 s");
        assertThat(r.value("out")).isEqualTo("begun");
    }

    @Test
    void returnsAtOnceWithARunningJobWhoseLiveGettersFollowIt() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'sleep 1; exit 4'
                echo "first=${j.state}"
                while (j.state == 'Running') {
                    sleep time: 20, unit: 'MILLISECONDS'
                }
                echo "last=${j.state}"
                echo "exit=${j.exitCode}"
                echo "reason=${j.reason}"
                echo "command=${j.command}"
                echo "more=${j.hasMoreData}"
                echo "children=${j.childJobs.size()}"
                echo "instance=${j.instanceId}"
                """).ok();

        assertThat(r.value("first")).isEqualTo("Running");
        assertThat(r.value("last")).isEqualTo("Failed");
        assertThat(r.value("exit")).isEqualTo("4");
        assertThat(r.value("reason")).isEqualTo("exit code 4");
        assertThat(r.value("command")).isEqualTo("sleep 1; exit 4");
        assertThat(r.value("more")).isEqualTo("false");
        assertThat(r.value("children")).isEqualTo("0");
        assertThat(r.value("instance")).matches("[0-9a-f-]{36}");
        assertThat(local.scripts()
                        .info(local.scripts().table().stream()
                                .filter(j -> j.instanceId().equals(r.value("instance")))
                                .findFirst()
                                .orElseThrow()
                                .id())
                        .state())
                .isEqualTo(JobState.FAILED);
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int k = 0; k < needle.length; k++) {
                    if (bytes[i + k] != needle[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // gone meanwhile (a temporary file)
        }
    }
}
