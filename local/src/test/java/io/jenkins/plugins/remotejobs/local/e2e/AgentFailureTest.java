package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agents that die ({@code kill -9} of their JVM) or lose a job, while jobs run: the supervisor
 * starts the agent again, its jobs, which run detached, are picked up, and no output is lost or
 * delivered twice. To keep an agent down for as long as a test needs (Disconnected, Lost), the
 * test holds its job cache's lock, so that each new incarnation fails to open the cache.
 */
class AgentFailureTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    private static final int LINES = 2000;

    /** Prints line-1 … line-2000, pausing every 100 lines: about three seconds in all. */
    static final String COUNTER =
            "for i in $(seq 1 " + LINES + "); do echo line-$i; case $i in *00) sleep 0.15;; esac; done";

    static String counted() {
        return IntStream.rangeClosed(1, LINES).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
    }

    @Test
    void killingAnAgentWhileItsJobsWriteLosesAndRepeatsNoLineInEitherMode() throws Exception {
        var started = local.scripts().run("""
                def jobs = []
                for (keep in [false, true, false, true]) {
                    jobs << remoteJob(node: 'agent-1', keepOnAgent: keep, script: '%s')
                }
                echo "ids=${jobs.collect { it.id }.join(',')}"
                """.formatted(COUNTER)).ok();
        List<Long> ids = new ArrayList<>();
        for (String id : started.value("ids").split(",")) {
            ids.add(Long.parseLong(id));
        }
        await().atMost(AgentFaults.LONG)
                .until(() -> ids.stream()
                        .allMatch(id -> local.host()
                                        .manager()
                                        .table()
                                        .get(id)
                                        .orElseThrow()
                                        .stdoutLength()
                                > 0));

        long killed = AgentFaults.killJvm(local.host(), "agent-1");
        assertThat(ids)
                .allSatisfy(id -> assertThat(local.scripts().info(id).state()).isNotEqualTo(JobState.COMPLETED));
        AgentFaults.awaitRestarted(local.host(), "agent-1", killed);

        var received = local.scripts().run("""
                def ids = [%s]
                waitJob jobs: ids, timeout: 120
                for (id in ids) {
                    echo "state=${getJob(id: id, quiet: true)[0].state}"
                    receiveJob id: id, file: "killed/${id}.txt"
                }
                """.formatted(started.value("ids"))).ok();

        assertThat(received.values("state")).containsExactly("Completed", "Completed", "Completed", "Completed");
        for (long id : ids) {
            assertThat(Files.readString(local.scripts().workingDirectory().resolve("killed/" + id + ".txt")))
                    .as("output of job %d", id)
                    .isEqualTo(counted());
        }
    }

    @Test
    void whileTheAgentIsDownItsJobsAreDisconnectedAndPickedUpWhenItReturns() throws Exception {
        Path gate = local.scratch().resolve("gate-disconnected");
        var started = local.scripts().run("""
                def s = "echo before; while [ ! -e '%s' ]; do sleep 0.02; done; echo after"
                def j = remoteJob node: 'agent-2', script: s, name: 'disc-spooled'
                def k = remoteJob node: 'agent-2', script: s, name: 'disc-kept', keepOnAgent: true
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: s, name: 'disc-parent'
                while (!j.hasMoreData || !k.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "ids=${j.id},${k.id},${p.id}"
                """.formatted(gate)).ok();
        String ids = started.value("ids");
        long spooled = Long.parseLong(ids.split(",")[0]);
        long kept = Long.parseLong(ids.split(",")[1]);
        long parent = Long.parseLong(ids.split(",")[2]);

        try (var down = AgentFaults.keepDown(local.host(), "agent-2", AgentFaults::killJvm)) {
            await().atMost(AgentFaults.LONG)
                    .until(() -> local.scripts().info(spooled).state() == JobState.DISCONNECTED);
            await().atMost(AgentFaults.LONG)
                    .until(() -> local.scripts().info(kept).state() == JobState.DISCONNECTED);
            assertThat(local.scripts().info(parent).state()).isEqualTo(JobState.DISCONNECTED);

            var waited = local.scripts().run("""
                    echo "ended=${waitJob(jobs: [%1$d], timeout: 2).collect { it.id }}"
                    echo "forced=${waitJob(jobs: [%1$d], timeout: 1, force: true).size()}"
                    getJob name: 'disc-*'
                    receiveJob id: %2$d
                    """.formatted(spooled, kept));
            // Disconnected is a passing state: within the reconnect grace it does not end a wait.
            assertThat(waited.value("ended")).isEqualTo("[]");
            assertThat(waited.log())
                    .contains("waitJob: timed out after 2 s; 0 of 1 jobs ended")
                    .contains("waitJob: timed out after 1 s; 0 of 1 jobs ended")
                    .containsPattern(spooled + " +disc-spooled +Disconnected +True +agent-2");
            assertThat(waited.value("forced")).isEqualTo("0");
            assertThat(waited.failed())
                    .startsWith("receiveJob: agent agent-2 is unreachable, and job " + kept
                            + " ('disc-kept') keeps its output there; nothing was consumed");
        }
        Files.createFile(gate);

        var after = local.scripts().run("""
                def ids = [%s]
                waitJob jobs: ids, timeout: 120
                for (id in ids) {
                    def j = getJob(id: id, quiet: true)[0]
                    echo "end=${j.name} ${j.state} ${receiveJob(id: id, quiet: true).readLines()}"
                }
                """.formatted(ids)).ok();
        assertThat(after.values("end"))
                .containsExactly(
                        "disc-spooled Completed [before, after]",
                        "disc-kept Completed [before, after]",
                        "disc-parent Completed [--- agent-1 (job " + (parent + 1)
                                + ") ---, before, after, --- agent-2 (job " + (parent + 2) + ") ---, before, after]");
    }

    @Test
    void aJobWhoseDirectoryIsDeletedFromTheAgentsCacheIsLostAndTheOthersGoOn() throws Exception {
        Path gate = local.scratch().resolve("gate-lost");
        var started = local.scripts().run("""
                def s = "echo before; while [ ! -e '%s' ]; do sleep 0.02; done; echo after"
                def doomed = remoteJob node: 'agent-1', script: s, name: 'doomed'
                def other = remoteJob node: 'agent-1', script: s, name: 'bystander'
                while (!doomed.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "doomed=${doomed.id}"
                echo "iid=${doomed.instanceId}"
                echo "other=${other.id}"
                """.formatted(gate)).ok();
        long doomed = started.id("doomed");

        AtomicFiles.deleteTree(
                local.host().home().resolve("agents/agent-1/cache").resolve(started.value("iid")));

        await().atMost(AgentFaults.LONG)
                .until(() -> local.scripts().info(doomed).state() == JobState.LOST);
        assertThat(local.scripts().info(doomed).reason())
                .isEqualTo("agent agent-1 no longer has this job in its job cache");
        assertThat(local.scripts().info(started.id("other")).state()).isEqualTo(JobState.RUNNING);
        Files.createFile(gate);
        var r = local.scripts().run("""
                echo "ended=${waitJob(jobs: [%1$d, %2$d], timeout: 60).size()}"
                echo "lost=${receiveJob(id: %1$d, quiet: true).readLines()}"
                echo "other=${getJob(id: %2$d, quiet: true)[0].state} ${receiveJob(id: %2$d, quiet: true).readLines()}"
                """.formatted(doomed, started.id("other"))).ok();
        assertThat(r.value("ended")).isEqualTo("2");
        // What was collected before the job was lost stays receivable.
        assertThat(r.value("lost")).isEqualTo("[before]");
        assertThat(r.value("other")).isEqualTo("Completed [before, after]");
    }

    @Test
    void anAgentUnreachablePastTheLimitLosesItsJobsForGood() throws Exception {
        Path gate = local.scratch().resolve("gate-limit");
        Limits lostAfterASecond = Limits.defaults().withLostAfter(Duration.ofSeconds(1));
        try (var limited = local.openBeside("limited-home", 1, lostAfterASecond, "limited")) {
            ScriptFixture limitedScripts = limited.scripts();
            long id = limitedScripts
                    .run(
                            "echo \"id=${remoteJob(node: 'agent-1', script: \"while [ ! -e '%s' ]; do sleep 0.02; done\").id}\""
                                    .formatted(gate))
                    .ok()
                    .id("id");
            try (var down = AgentFaults.keepDown(limited.host(), "agent-1", AgentFaults::killJvm)) {
                await().atMost(AgentFaults.LONG)
                        .until(() -> limitedScripts.info(id).state() == JobState.LOST);
            }
            assertThat(limitedScripts.info(id).reason())
                    .isEqualTo("agent agent-1 stayed unreachable past the limit of 1 s");
            AgentFaults.awaitRestarted(limited.host(), "agent-1", -1);
            var r = limitedScripts
                    .run("echo \"state=${waitJob(jobs: [%d], timeout: 5)[0].state}\"".formatted(id))
                    .ok();
            assertThat(r.value("state")).isEqualTo("Lost");
        } finally {
            Files.createFile(gate);
        }
    }
}
