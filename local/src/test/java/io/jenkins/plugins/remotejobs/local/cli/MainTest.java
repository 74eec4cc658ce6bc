package io.jenkins.plugins.remotejobs.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remote-jobs run}: the command line as a user runs it, in a JVM of its own with this test's
 * class path, its own working directory and its own home.
 */
class MainTest {

    @TempDir
    Path tmp;

    /** What a finished command left: its exit code and both of its outputs. */
    record Outcome(int exitCode, String stdout, String stderr) {}

    Outcome cli(String... args) throws Exception {
        List<String> command =
                TestJvm.command(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Main.class, args);
        Process p = new ProcessBuilder(command)
                .directory(Files.createDirectories(tmp.resolve("cwd")).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("remote-jobs " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Outcome(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path script(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aGoodScriptExitsZeroWithItsOutputOnStdoutAndNothingOnStderr() throws Exception {
        Path script = script("good.Jenkinsfile", """
                def j = remoteJob node: 'agent-2', script: 'echo "from $(basename $(dirname $(dirname $(dirname $PWD))))"'
                waitJob jobs: [j]
                receiveJob job: j, file: 'received.txt'
                echo "state: ${j.state}"
                """);

        Outcome o = cli("run", script.toString(), "--home", tmp.resolve("home").toString());

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.stdout()).contains("state: Completed").contains("wrote 13 bytes");
        assertThat(o.stderr()).isEmpty();
        // file: outside node { } writes into the directory the runner started in.
        assertThat(tmp.resolve("cwd/received.txt")).hasContent("from agent-2");
    }

    @Test
    void aScriptErrorExitsOneWithTheMessageAndNoStackTrace() throws Exception {
        Path script = script("bad.Jenkinsfile", "echo 'starting'\nremoteJob node: 'agent-7', script: 'true'\n");

        Outcome o = cli("run", script.toString(), "--home", tmp.resolve("home").toString(), "--agents", "1");

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stdout()).isEqualTo("starting\n");
        assertThat(o.stderr()).isEqualTo("ERROR: remoteJob: unknown node 'agent-7'; known nodes: agent-1\n");
    }

    @Test
    void aScriptThatLeavesAJobRunningEndsCleanlyAndTheNextRunFindsTheJob() throws Exception {
        Path home = tmp.resolve("home");
        Path first = script("leave.Jenkinsfile", """
                def j = remoteJob node: 'agent-1', name: 'left-running', script: 'for i in $(seq 1 20); do echo $i; sleep 0.1; done'
                while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "leaving it ${j.state}"
                """);
        Path second = script("collect.Jenkinsfile", """
                def lines = receiveJob(name: 'left-running', wait: true, quiet: true).readLines()
                echo "received ${lines.size()} lines, the last ${lines[-1]}"
                removeJob name: 'left-running'
                """);

        Outcome left = cli("run", first.toString(), "--home", home.toString(), "--agents", "1");
        Outcome collected = cli("run", second.toString(), "--home", home.toString(), "--agents", "1");

        assertThat(left.exitCode()).as(left.stderr()).isZero();
        assertThat(left.stdout()).isEqualTo("leaving it Running\n");
        assertThat(left.stderr())
                .as("no stack trace when the host closes under a running job")
                .isEmpty();
        assertThat(collected.exitCode()).as(collected.stderr()).isZero();
        assertThat(collected.stdout()).isEqualTo("received 20 lines, the last 20\n");
    }

    @Test
    void aSecondRunOnTheSameHomeFailsClearly() throws Exception {
        Path home = tmp.resolve("home");
        Path script = script("any.Jenkinsfile", "echo 'never printed'\n");

        try (LocalHost running = LocalHost.start(home, 1, Limits.defaults())) {
            Outcome o = cli("run", script.toString(), "--home", home.toString(), "--agents", "1");

            assertThat(o.exitCode()).isEqualTo(1);
            assertThat(o.stdout()).isEmpty();
            assertThat(o.stderr())
                    .startsWith("ERROR: another remote-jobs run is using the home " + running.home()
                            + "; wait for it to finish, or give this run its own --home")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingScriptOrABadAgentCountIsAUsageError() throws Exception {
        Outcome missing = cli("run", tmp.resolve("missing.Jenkinsfile").toString(), "--home", tmp.toString());
        Outcome agents = cli("run", script("x.Jenkinsfile", "").toString(), "--agents", "0");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("ERROR: no such script: " + tmp.resolve("missing.Jenkinsfile") + "\n");
        assertThat(agents.exitCode()).isEqualTo(2);
        assertThat(agents.stderr()).isEqualTo("ERROR: --agents must be from 1 to 64, got 0\n");
        Outcome grace = cli("run", script("y.Jenkinsfile", "").toString(), "--reconnect-grace", "-5");
        assertThat(grace.exitCode()).isEqualTo(2);
        assertThat(grace.stderr()).isEqualTo("ERROR: --reconnect-grace must be from 0 to 86400 seconds, got -5\n");
        Outcome quota = cli("run", script("z.Jenkinsfile", "").toString(), "--spool-quota", "-1");
        assertThat(quota.exitCode()).isEqualTo(2);
        assertThat(quota.stderr())
                .isEqualTo("ERROR: --spool-quota must be from 0 (no limit) to 1073741824 MiB, got -1\n");
    }

    @Test
    void aJobsLauncherIsChosenOnTheCommandLineAndAnUnknownOneIsAUsageError() throws Exception {
        Outcome bad = cli("run", script("l.Jenkinsfile", "").toString(), "--launcher", "wsl");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("ERROR: --launcher must be one of sh, portable, got 'wsl'\n");

        Path script = script("portable.Jenkinsfile", """
                def j = remoteJob node: 'agent-1', script: 'echo "$PPID"; exit 3'
                waitJob jobs: [j]
                echo "state: ${j.state} ${j.exitCode}"
                """);
        Outcome o = cli("run", script.toString(), "--home", tmp.resolve("home").toString(), "--launcher", "portable");

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.stdout()).contains("state: Failed 3");
        assertThat(tmp.resolve("home/agents/agent-1/cache/.supervisor/supervisor.log"))
                .content()
                .contains("started, pid");
    }

    @Test
    void aJobNoRecordKnowsIsListedByAdoptAdoptedAndThenReceivedAndRemovedByARun() throws Exception {
        Path home = tmp.resolve("home");
        Path keep = script("keep.Jenkinsfile", """
                def k = remoteJob node: 'agent-2', keepOnAgent: true, name: 'orphan', script: 'echo one; echo two'
                waitJob jobs: [k]
                echo "iid=${k.instanceId}"
                """);
        Outcome kept = cli("run", keep.toString(), "--home", home.toString());
        assertThat(kept.exitCode()).as(kept.stderr()).isZero();
        String instanceId = kept.stdout().trim().substring("iid=".length());
        // The controller's data is lost; the agent still holds the job and its output.
        deleteTree(home.resolve("controller"));

        Outcome listed = cli("adopt", "--home", home.toString(), "--node", "agent-2");
        Outcome adopted = cli("adopt", "--home", home.toString(), "--node", "agent-2", instanceId);
        Outcome again = cli("adopt", "--home", home.toString(), "--node", "agent-2", instanceId);
        Outcome receivedAndRemoved = cli(
                "run", script("get.Jenkinsfile", """
                        def j = getJob(id: 1, quiet: true)[0]
                        echo "name=${j.name} state=${j.state} out=${receiveJob(job: j, quiet: true).readLines()}"
                        removeJob job: j
                        """).toString(),
                "--home", home.toString());
        Outcome afterwards = cli("adopt", "--home", home.toString(), "--node", "agent-2");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout())
                .containsPattern("InstanceId +Name +State +HasMoreData +Command\n")
                .containsPattern(instanceId + " +orphan +Completed +True +echo one; echo two\n");
        assertThat(adopted.exitCode()).as(adopted.stderr()).isZero();
        assertThat(adopted.stdout())
                .isEqualTo("adopted " + instanceId + " from agent-2 as job 1 (Completed); a script reaches it as"
                        + " getJob(id: 1)\n");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).isEqualTo("ERROR: job " + instanceId + " is known already: nothing to adopt\n");
        assertThat(receivedAndRemoved.exitCode())
                .as(receivedAndRemoved.stderr())
                .isZero();
        assertThat(receivedAndRemoved.stdout()).isEqualTo("name=orphan state=Completed out=[one, two]\n");
        assertThat(home.resolve("agents/agent-2/cache").resolve(instanceId)).doesNotExist();
        assertThat(afterwards.stdout())
                .isEqualTo("agent-2 holds no job that the table does not know: nothing to adopt\n");
    }

    @Test
    void adoptNamesWhatIsWrongWithItsArguments() throws Exception {
        String home = tmp.resolve("home").toString();
        Outcome noNode = cli("adopt", "--home", home);
        Outcome notLocal = cli("adopt", "--home", home, "--node", "web-1");
        Outcome badId = cli("adopt", "--home", home, "--node", "agent-1", "nope");
        Outcome noSuchJob = cli("adopt", "--home", home, "--node", "agent-1", "3f2c9a4e-0c1b-4d7e-9a51-2b6f8e0d7c44");
        // Opening the home applies retention, so adopt takes the runs' setting, checked the same way.
        Outcome retention = cli("adopt", "--home", home, "--node", "agent-1", "--unreceived-retention", "-1");

        assertThat(noNode.exitCode()).isEqualTo(2);
        assertThat(noNode.stderr()).startsWith("Missing required option: '--node=NAME'");
        assertThat(notLocal.exitCode()).isEqualTo(2);
        assertThat(notLocal.stderr())
                .isEqualTo("ERROR: --node must name a local agent, agent-1 to agent-64, got 'web-1'\n");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.stderr())
                .isEqualTo("ERROR: invalid job instance id 'nope': expected a lower-case UUID such as"
                        + " 3f2c9a4e-0c1b-4d7e-9a51-2b6f8e0d7c44 (the InstanceId column of 'remote-jobs adopt --node"
                        + " agent-1')\n");
        assertThat(retention.exitCode()).isEqualTo(2);
        assertThat(retention.stderr())
                .isEqualTo("ERROR: --unreceived-retention must be from 0 (for ever) to 36500 days, got -1\n");
        assertThat(noSuchJob.exitCode()).isEqualTo(1);
        assertThat(noSuchJob.stderr())
                .startsWith("ERROR: agent agent-1 has no job 3f2c9a4e-0c1b-4d7e-9a51-2b6f8e0d7c44 to adopt (")
                .doesNotContain("\tat ");
    }

    @Test
    void theUnreceivedRetentionGivenOnceStaysTheHomesForTheCommandsThatDoNotGiveIt() throws Exception {
        Path home = tmp.resolve("home");
        Path start = script("start.Jenkinsfile", """
                def unreceived = remoteJob node: 'agent-1', name: 'unreceived', script: 'echo nobody reads this'
                def received = remoteJob node: 'agent-1', name: 'received', script: 'echo read'
                waitJob jobs: [unreceived, received]
                receiveJob job: received, quiet: true
                """);
        // Retention judges jobs in table order: once the later job is gone, the earlier one was judged.
        Path afterRetention = countsOnceGone("received");
        Path afterUnreceivedGone = countsOnceGone("unreceived");

        Outcome started =
                cli("run", start.toString(), "--home", home.toString(), "--agents", "1", "--unreceived-retention", "0");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(home.resolve("settings.properties")).content().contains("unreceived-retention-days=0");
        // Both ended 40 days ago: past the 7 days of received jobs and the 30 of unreceived ones by default.
        endedDaysAgo(home, 40);

        Outcome withoutTheOption = cli("run", afterRetention.toString(), "--home", home.toString(), "--agents", "1");
        Outcome givenThirty = cli(
                "run",
                afterUnreceivedGone.toString(),
                "--home",
                home.toString(),
                "--agents",
                "1",
                "--unreceived-retention",
                "30");

        assertThat(withoutTheOption.exitCode()).as(withoutTheOption.stderr()).isZero();
        assertThat(withoutTheOption.stdout())
                .as("the home's 0 applied: the unreceived job stays for ever")
                .isEqualTo("received: 0, unreceived: 1\n");
        assertThat(givenThirty.exitCode()).as(givenThirty.stderr()).isZero();
        assertThat(givenThirty.stdout())
                .as("the job was old enough to go, as it does once 30 days are given")
                .isEqualTo("received: 0, unreceived: 0\n");
        assertThat(home.resolve("settings.properties")).content().contains("unreceived-retention-days=30");
    }

    /** A script that waits (up to a minute) until the job named {@code name} is gone, then counts both. */
    private Path countsOnceGone(String name) throws IOException {
        return script("once-" + name + "-gone.Jenkinsfile", """
                for (int i = 0; i < 6000 && getJob(name: '%s', quiet: true); i++) {
                    sleep time: 10, unit: 'MILLISECONDS'
                }
                def count = { String n -> getJob(name: n, quiet: true).size() }
                echo "received: ${count('received')}, unreceived: ${count('unreceived')}"
                """.formatted(name));
    }

    /** Makes every job of the home one that ended {@code days} ago, with the table's own update. */
    private static void endedDaysAgo(Path home, long days) throws IOException {
        long endedAt = System.currentTimeMillis() - Duration.ofDays(days).toMillis();
        Limits keepAll = Limits.defaults().withRetention(Duration.ZERO, Duration.ZERO);
        try (LocalHost local = LocalHost.start(home, 1, keepAll)) {
            for (JobRecord job : local.manager().table().all()) {
                local.manager().table().update(job.id(), r -> r.with(b -> b.endedAt = endedAt), true);
            }
        }
    }

    @Test
    void aStoredRetentionThatCannotBeUsedIsAClearErrorUntilAnotherIsGiven() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path settings = Files.writeString(home.resolve("settings.properties"), "unreceived-retention-days=soon\n");
        Path script = script("ok.Jenkinsfile", "echo 'ok'");

        Outcome run = cli("run", script.toString(), "--home", home.toString(), "--agents", "1");
        Outcome adopt = cli("adopt", "--home", home.toString(), "--node", "agent-1");
        Files.writeString(settings, "unreceived-retention-days=\\uZZZZ\n");
        Outcome unreadable = cli("adopt", "--home", home.toString(), "--node", "agent-1");
        Outcome replaced = cli(
                "run", script.toString(), "--home", home.toString(), "--agents", "1", "--unreceived-retention", "9");

        String message = "ERROR: " + settings + " holds unreceived-retention-days=soon: it must be a whole number of"
                + " days from 0 (for ever) to 36500; correct it, or give --unreceived-retention DAYS to replace it\n";
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(message);
        assertThat(adopt.exitCode()).isEqualTo(2);
        assertThat(adopt.stderr()).isEqualTo(message);
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.stderr())
                .startsWith("ERROR: " + settings + " cannot be read (")
                .endsWith("); correct it, or give --unreceived-retention DAYS to replace it\n")
                .doesNotContain("\tat ");
        assertThat(replaced.exitCode()).as(replaced.stderr()).isZero();
        assertThat(replaced.stdout()).isEqualTo("ok\n");
        assertThat(settings).content().contains("unreceived-retention-days=9");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void everySubcommandTakesHelp() throws Exception {
        for (String[] args : List.of(
                new String[] {"run", "--help"},
                new String[] {"run", "-h"},
                new String[] {"adopt", "--help"},
                new String[] {"bench", "--help"})) {
            Outcome o = cli(args);

            assertThat(o.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(o.stdout()).startsWith("Usage: remote-jobs " + args[0]);
            assertThat(o.stderr()).isEmpty();
        }
    }

    @Test
    void aDirectoryForAScriptOrAHomeThatCannotBeOneIsAClearError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("adir"));
        Path ok = script("ok.Jenkinsfile", "echo 'ok'");

        Outcome directory = cli("run", dir.toString());
        Outcome file = cli("run", ok.toString(), "--home", "/dev/null");
        Outcome unwritable = cli("run", ok.toString(), "--home", "/proc/nope");

        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.stderr()).isEqualTo("ERROR: " + dir + " is a directory, not a script\n");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.stderr())
                .isEqualTo("ERROR: --home /dev/null cannot be used: it exists and is not a directory\n");
        assertThat(unwritable.exitCode()).isEqualTo(2);
        assertThat(unwritable.stderr()).startsWith("ERROR: --home /proc/nope cannot be used: ");
        assertThat(unwritable.stderr().lines()).hasSize(1);
    }
}
