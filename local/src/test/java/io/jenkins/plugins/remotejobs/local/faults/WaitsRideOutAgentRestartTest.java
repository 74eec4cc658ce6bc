package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R7: waits during an agent restart, without {@code force: true} and with the default reconnect
 * grace. Six jobs on one agent write known output for a few seconds, one per wait and result mode;
 * five builds wait on them: {@code waitJob} on a controller-mode and a kept job together, and
 * {@code receiveJob wait: true} into a file and as text, each in both modes. While all five wait,
 * the agent's JVM is killed ({@code kill -9}) mid-output and kept down until every job shows {@code
 * Disconnected}; then the supervisor starts it again. Every wait returns only once its job is
 * {@code Completed}, and every output received is exactly what the job wrote (sha256): nothing lost,
 * nothing repeated.
 */
class WaitsRideOutAgentRestartTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    private static final int KIB = 1 << 10;

    /**
     * One waited job: its name and result mode. It writes a first half (12 chunks of 32 KiB), waits
     * for the gate the test opens once the agent is dead, then writes a second half (12 more, 0.1 s
     * apart), so that it is surely mid-output when the agent dies and still writing while it returns.
     */
    record Waited(String name, boolean keepOnAgent) {
        KnownOutput before() {
            return new KnownOutput(name + "-before", 12, 32 * KIB, "0.02");
        }

        KnownOutput after() {
            return new KnownOutput(name + "-after", 12, 32 * KIB, "0.1");
        }

        String script(Path generator, Path gate) {
            return before().command(generator) + "; while [ ! -e '" + gate + "' ]; do sleep 0.05; done; "
                    + after().command(generator);
        }

        long bytes() {
            return before().bytes() + after().bytes();
        }

        /** The sha256 of the whole output, both halves. */
        String sha256() {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                for (KnownOutput half : List.of(before(), after())) {
                    for (int i = 0; i < half.chunks(); i++) {
                        d.update(half.chunk(i));
                    }
                }
                return HexFormat.of().formatHex(d.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final List<Waited> JOBS = List.of(
            new Waited("r7-waitJob-collected", false),
            new Waited("r7-waitJob-kept", true),
            new Waited("r7-file-collected", false),
            new Waited("r7-file-kept", true),
            new Waited("r7-text-collected", false),
            new Waited("r7-text-kept", true));

    @Test
    void waitsRideOutAnAgentKilledMidOutputAndReturnTheWholeOutputOnce() throws Exception {
        long began = System.nanoTime();
        Path generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
        Path gate = local.scratch().resolve("gate");
        StringBuilder start = new StringBuilder("def ids = []\n");
        for (Waited w : JOBS) {
            start.append("ids << remoteJob(node: 'agent-1', name: '%s', keepOnAgent: %s, script: %s).id\n"
                    .formatted(w.name(), w.keepOnAgent(), PlannedJob.groovyString(w.script(generator, gate))));
        }
        start.append("echo \"ids=${ids.join(' ')}\"\n");
        long[] ids = Arrays.stream(
                        local.scripts().run(start.toString()).ok().value("ids").split(" "))
                .mapToLong(Long::parseLong)
                .toArray();

        StateHistory history = new StateHistory(local.host(), ids);
        List<CompletableFuture<ScriptFixture.Result>> waits = new ArrayList<>();
        waits.add(local.scripts().start("""
                def ids = [%d, %d]
                echo "ended=${waitJob(jobs: ids, timeout: 300).size()}"
                for (id in ids) {
                    echo "state-${id}=${getJob(id: id, quiet: true)[0].state}"
                    receiveJob id: id, file: "r7/${id}.out", quiet: true
                }
                """.formatted(ids[0], ids[1])));
        for (int i = 2; i < 4; i++) {
            waits.add(local.scripts().start("""
                    def n = receiveJob id: %1$d, wait: true, timeout: 300, file: 'r7/%1$d.out', quiet: true
                    echo "state-%1$d=${getJob(id: %1$d, quiet: true)[0].state}"
                    echo "bytes=${n}"
                    """.formatted(ids[i])));
        }
        for (int i = 4; i < 6; i++) {
            waits.add(local.scripts().start("""
                    def out = receiveJob id: %1$d, wait: true, timeout: 300, quiet: true
                    echo "state-%1$d=${getJob(id: %1$d, quiet: true)[0].state}"
                    echo "length=${out.length()}"
                    echo "sha=${out.sha256()}"
                    """.formatted(ids[i])));
        }

        // Kill the agent once every wait is under way and every job has written its first half.
        await().atMost(AgentFaults.LONG).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(waits.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join))
                    .as("waits that ended before the agent was killed")
                    .isEmpty();
            assertThat(local.host().manager().waitsInProgress())
                    .as("waits in progress")
                    .isEqualTo(waits.size());
            assertThat(Arrays.stream(ids).map(id -> record(id).stdoutLength()))
                    .as("output lengths")
                    .allMatch(n -> n >= JOBS.get(0).before().bytes());
        });
        long killed;
        long down = System.nanoTime();
        int runningAtKill;
        try (var lock = AgentFaults.keepDown(local.host(), "agent-1", AgentFaults::killWithItsTree)) {
            killed = lock.firstKilledPid();
            Files.createFile(gate);
            runningAtKill = (int) Arrays.stream(ids)
                    .filter(id -> !local.scripts().info(id).state().isFinished())
                    .count();
            await().atMost(AgentFaults.LONG)
                    .untilAsserted(() -> assertThat(Arrays.stream(ids).mapToObj(WaitsRideOutAgentRestartTest::record))
                            .as("the jobs while their agent is down")
                            .allMatch(r -> r.state() == JobState.DISCONNECTED));
            assertThat(waits).as("waits that returned while the agent was away").noneMatch(CompletableFuture::isDone);
        }
        long downMillis = (System.nanoTime() - down) / 1_000_000;
        AgentFaults.awaitRestarted(local.host(), "agent-1", killed);

        List<ScriptFixture.Result> results = new ArrayList<>();
        for (CompletableFuture<ScriptFixture.Result> w : waits) {
            results.add(w.get(300, TimeUnit.SECONDS).ok());
        }
        history.close();
        List<String> states = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long expectedBytes = 0;
        long receivedBytes = 0;
        for (int i = 0; i < ids.length; i++) {
            Waited job = JOBS.get(i);
            ScriptFixture.Result r = results.get(i < 2 ? 0 : i - 1);
            states.add(r.value("state-" + ids[i]));
            assertThat(r.log()).as("log of the wait on %s", job.name()).doesNotContain("Disconnected");
            long length;
            String sha;
            if (i < 4) {
                Path file = local.scripts().workingDirectory().resolve("r7/" + ids[i] + ".out");
                length = Files.size(file);
                sha = KnownOutput.sha256(file);
            } else {
                length = Long.parseLong(r.value("length"));
                sha = r.value("sha");
            }
            expectedBytes += job.bytes();
            receivedBytes += length;
            if (length != job.bytes() || !sha.equals(job.sha256())) {
                wrong.add(job.name() + ": " + length + " bytes, sha256 " + sha + ", expected " + job.bytes() + ", "
                        + job.sha256());
            }
        }
        Figures.of("R7-waits")
                .put("jobs", ids.length)
                .put("waits", waits.size())
                .put("runningAtKill", runningAtKill)
                .put("agentDownMillis", downMillis)
                .put("bytes", expectedBytes)
                .put("received", receivedBytes)
                .put("wrongOutputs", wrong.size())
                .put("stateRegressions", history.regressions().size())
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(runningAtKill).as("jobs still writing when the agent died").isEqualTo(ids.length);
        assertThat(history.regressions())
                .as("jobs seen leaving a finished state; all histories: %s", history.describe())
                .isEmpty();
        assertThat(states)
                .as("states right after each wait returned; histories: %s", history.describe())
                .containsOnly("Completed");
        assertThat(wrong).as("outputs that differ from what the jobs wrote").isEmpty();
        assertThat(results.get(1).value("bytes"))
                .isEqualTo(Long.toString(JOBS.get(2).bytes()));
        assertThat(results.get(2).value("bytes"))
                .isEqualTo(Long.toString(JOBS.get(3).bytes()));
    }

    private static JobRecord record(long id) {
        return local.host().manager().table().get(id).orElseThrow();
    }
}
