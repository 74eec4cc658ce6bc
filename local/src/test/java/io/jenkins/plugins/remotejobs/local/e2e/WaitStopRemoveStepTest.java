package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code waitJob}, {@code stopJob} and {@code removeJob} through the script runner. */
class WaitStopRemoveStepTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    static String gated(String name) {
        return "while [ ! -e '" + local.scratch().resolve("gate-" + name) + "' ]; do sleep 0.02; done";
    }

    static String open(String name) {
        return "waitJob jobs: [remoteJob(node: 'agent-2', script: \"touch '"
                + local.scratch().resolve("gate-" + name) + "'\")]\n";
    }

    @Test
    void waitJobReturnsTheJobsOnceAllHaveEndedInTheOrderGiven() {
        var r = local.scripts().run("""
                def a = remoteJob node: 'agent-1', script: 'sleep 0.5', name: 'wait-a'
                def b = remoteJob node: 'agent-2', script: 'true', name: 'wait-b'
                def ended = waitJob jobs: [a, b.id]
                echo "ended=${ended.collect { it.name }}"
                echo "states=${[a.state, b.state]}"
                """).ok();

        assertThat(r.value("ended")).isEqualTo("[wait-a, wait-b]");
        assertThat(r.value("states")).isEqualTo("[Completed, Completed]");
    }

    @Test
    void handlesOfTheSameJobAreEqualSoWhatWaitJobReturnsContainsThem() {
        var r = local.scripts().run("""
                def a = remoteJob node: 'agent-1', script: 'true', name: 'eq-a'
                def b = remoteJob node: 'agent-2', script: 'true', name: 'eq-b'
                def ended = waitJob jobs: [a, b]
                echo "contains=${ended.contains(a)} ${ended.contains(b)}"
                echo "same=${getJob(id: a.id, quiet: true)[0] == a} ${a == b}"
                echo "set=${([a, b] + ended).toSet().size()}"
                """).ok();

        assertThat(r.value("contains")).isEqualTo("true true");
        assertThat(r.value("same")).isEqualTo("true false");
        assertThat(r.value("set")).isEqualTo("2");
    }

    @Test
    void anyReturnsAsSoonAsOneHasEnded() {
        var r = local.scripts().run("""
                def slow = remoteJob node: 'agent-1', script: "%s", name: 'any-slow'
                def quick = remoteJob node: 'agent-2', script: 'true', name: 'any-quick'
                def ended = waitJob jobs: [slow, quick], any: true, timeout: 60
                echo "ended=${ended.collect { it.name }}"
                echo "slow=${slow.state}"
                %s
                echo "all=${waitJob(jobs: [slow, quick]).collect { it.name }}"
                """.formatted(gated("any"), open("any"))).ok();

        assertThat(r.value("ended")).isEqualTo("[any-quick]");
        assertThat(r.value("slow")).isEqualTo("Running");
        assertThat(r.value("all")).isEqualTo("[any-slow, any-quick]");
    }

    @Test
    void timeoutReturnsWhatEndedSoFarAndSaysSoInTheLog() {
        var r = local.scripts()
                .run("""
                def slow = remoteJob node: 'agent-1', script: "%s", name: 'timeout-slow'
                def quick = remoteJob node: 'agent-2', script: 'true', name: 'timeout-quick'
                waitJob jobs: [quick]
                echo "none=${waitJob(jobs: [slow], timeout: 1).size()}"
                echo "some=${waitJob(jobs: [slow, quick], timeout: 0).collect { it.name }}"
                %s
                """.formatted(gated("timeout"), open("timeout")))
                .ok();

        assertThat(r.value("none")).isEqualTo("0");
        assertThat(r.log()).contains("waitJob: timed out after 1 s; 0 of 1 jobs ended\n");
        assertThat(r.value("some")).isEqualTo("[timeout-quick]");
        assertThat(r.log()).contains("waitJob: timed out after 0 s; 1 of 2 jobs ended\n");
    }

    @Test
    void stopJobLeavesNoProcessOfTheJobAliveAndKeepsItsOutput() throws IOException {
        // Children, grandchildren, one that ignores TERM (so KILL must follow) and one in a session
        // of its own (outside the job's process group, but a descendant when the stop begins).
        Path tree = local.scratch().resolve("tree.sh");
        Path pids = local.scratch().resolve("tree.pids");
        Files.writeString(tree, """
                echo $$ >> "$PIDS"
                sleep 300 & echo $! >> "$PIDS"
                ( trap '' TERM; sleep 300 & echo $! >> "$PIDS"; wait ) & echo $! >> "$PIDS"
                sh -c 'sleep 300 & echo $! >> "$PIDS"; sh -c "sleep 300 & echo \\$! >> \\"\\$PIDS\\"; wait" & echo $! >> "$PIDS"; wait' &
                echo $! >> "$PIDS"
                setsid sleep 300 & echo $! >> "$PIDS"
                while [ "$(wc -l < "$PIDS")" -lt 9 ]; do sleep 0.02; done
                echo ready
                wait
                """, StandardCharsets.UTF_8);
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', env: ['PIDS=%s'], script: 'sh %s', name: 'tree'
                while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                stopJob job: j
                echo "state=${j.state}"
                echo "reason=${j.reason}"
                echo "out=${receiveJob(job: j, quiet: true).trim()}"
                """.formatted(pids, tree)).ok();

        assertThat(r.value("state")).isEqualTo("Stopped");
        assertThat(r.value("reason")).isEqualTo("stopped by request");
        assertThat(r.value("out")).isEqualTo("ready");
        List<Long> processes =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(processes).hasSize(9);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processes)
                        .as("processes of the stopped job still running")
                        .noneMatch(WaitStopRemoveStepTest::running));
    }

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void stoppedMeansTheProcessIsGoneSoARemoveRightAfterWorks(boolean keepOnAgent) {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: %s, script: "trap '' TERM; echo \\$\\$; sleep 603"
                while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "pid=${receiveJob(job: j, keep: true, quiet: true).trim()}"
                stopJob job: j
                echo "state=${j.state}"
                removeJob job: j
                echo "left=${getJob(quiet: true).findAll { it.id == j.id }.size()}"
                """.formatted(keepOnAgent)).ok();

        assertThat(r.value("state")).isEqualTo("Stopped");
        assertThat(running(Long.parseLong(r.value("pid"))))
                .as("the TERM-ignoring process, once its job read Stopped")
                .isFalse();
        assertThat(r.value("left")).isEqualTo("0");
    }

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void aStoppedJobThatPrintedNothingHasNoOutput(boolean keepOnAgent) {
        var r = local.scripts().run("""
                def seen = []
                for (int i = 0; i < 3; i++) {
                    def j = remoteJob node: 'agent-2', keepOnAgent: %s, script: 'sleep 300'
                    sleep time: 100, unit: 'MILLISECONDS'
                    stopJob job: j
                    seen << "${j.state} ${j.hasMoreData} [${receiveJob(job: j, stream: 'stderr', keep: true, quiet: true)}]"
                    removeJob job: j
                }
                echo "seen=${seen}"
                """.formatted(keepOnAgent)).ok();

        assertThat(r.value("seen")).isEqualTo("[Stopped false [], Stopped false [], Stopped false []]");
    }

    @Test
    void stopJobOnAFinishedJobLeavesItAsItIs() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'exit 5'
                waitJob jobs: [j]
                stopJob id: j.id
                echo "state=${j.state}"
                echo "exit=${j.exitCode}"
                """).ok();

        assertThat(r.value("state")).isEqualTo("Failed");
        assertThat(r.value("exit")).isEqualTo("5");
    }

    @Test
    void removeJobDeletesTheRowTheAgentsFilesAndTheSpool() {
        var r = local.scripts().run("""
                def spooled = remoteJob node: 'agent-1', script: 'echo in the spool', name: 'remove-spooled'
                def kept = remoteJob node: 'agent-2', keepOnAgent: true, script: 'echo on the agent', name: 'remove-kept'
                waitJob jobs: [spooled, kept]
                echo "spooled=${spooled.instanceId}"
                echo "kept=${kept.instanceId}"
                removeJob job: spooled
                removeJob name: 'remove-kept'
                echo "left=${getJob(name: 'remove-*', quiet: true).size()}"
                """).ok();

        assertThat(r.value("left")).isEqualTo("0");
        assertThat(local.host().home().resolve("controller/spool").resolve(r.value("spooled")))
                .doesNotExist();
        assertThat(local.host().home().resolve("agents/agent-1/cache").resolve(r.value("spooled")))
                .doesNotExist();
        assertThat(local.host().home().resolve("agents/agent-2/cache").resolve(r.value("kept")))
                .doesNotExist();
        assertThat(local.scripts().table()).noneMatch(j -> j.name().startsWith("remove-"));
    }

    @Test
    void removeJobWithForceStopsARunningJobAndRemovesIt() throws IOException {
        Path pid = local.scratch().resolve("forced.pid");
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'echo $$ > %s; echo running; sleep 300', name: 'forced'
                while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "iid=${j.instanceId}"
                removeJob job: j, force: true
                echo "left=${getJob(name: 'forced', quiet: true).size()}"
                """.formatted(pid)).ok();

        assertThat(r.value("left")).isEqualTo("0");
        assertThat(local.host().home().resolve("agents/agent-1/cache").resolve(r.value("iid")))
                .doesNotExist();
        long scriptPid = Long.parseLong(Files.readString(pid).trim());
        await().atMost(Duration.ofSeconds(30)).until(() -> !running(scriptPid));
    }

    @Test
    void aParentIsStoppedAndRemovedWithAllItsChildren() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'sleep 300', name: 'parent-stop'
                stopJob job: p
                echo "states=${[p.state] + p.childJobs.collect { it.state }}"
                echo "ids=${[p.id] + p.childJobs.collect { it.id }}"
                removeJob job: p
                echo "left=${getJob(name: 'parent-stop', includeChildJobs: true, quiet: true).size()}"
                """).ok();

        assertThat(r.value("states")).isEqualTo("[Stopped, Stopped, Stopped]");
        assertThat(r.value("left")).isEqualTo("0");
    }

    /** Alive and not a zombie (an exited process waiting to be reaped by a parent that does not). */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !isZombie(pid);
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    @Test
    void aStartWaitRemoveLoopLogsNoWarning() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger engine = Logger.getLogger("io.jenkins.plugins.remotejobs");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        engine.addHandler(handler);
        try {
            local.scripts().run("""
                    for (int i = 0; i < 50; i++) {
                        def j = remoteJob node: 'agent-1', script: 'echo hi'
                        waitJob jobs: [j]
                        removeJob job: j
                    }
                    """).ok();
            assertThat(warnings)
                    .as("a job removed on purpose is not an agent's refusal")
                    .isEmpty();
        } finally {
            engine.removeHandler(handler);
        }
    }
}
