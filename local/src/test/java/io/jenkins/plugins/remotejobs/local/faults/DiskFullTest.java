package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R4: the disk is full. Both sides get a real {@code ENOSPC} from the kernel through {@code
 * /dev/full}, a device every write to which fails with "No space left on device": the
 * controller's spool file of one stream is made a link to it, and an agent's job sends its own
 * output there. Controller side: collection pauses with that message, the job goes on, and
 * collection resumes exactly where it stopped once the spool can be written again. Agent side: the
 * job fails with the reason. On both, what was received before is intact and nothing crashes.
 */
class DiskFullTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    private static final Path DEV_FULL = Path.of("/dev/full");

    static Path generator;

    @BeforeAll
    static void writeTheGenerator() throws Exception {
        generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
    }

    @Test
    void aFullControllerDiskPausesCollectionWhileTheJobGoesOnAndCollectionResumesWhenThereIsRoom() throws Exception {
        assumeThat(DEV_FULL).as("a /dev/full device (Linux)").exists();
        long began = System.nanoTime();
        long agentPid = local.host().agents().pid("agent-1").orElseThrow();
        KnownOutput err = new KnownOutput("r4-err", 2, 5000, "0");
        KnownOutput out = new KnownOutput("r4-out", 40, 50_000, "0.02");
        KnownOutput kept = new KnownOutput("r4-kept", 30, 1000, "0.1");
        Path gate = local.scratch().resolve("gate-controller");
        String script = err.command(generator) + " >&2; while [ ! -e '" + gate + "' ]; do sleep 0.02; done; "
                + out.command(generator);
        var started = local.scripts()
                .run("""
                def a = remoteJob node: 'agent-1', name: 'r4-spooled', script: %s
                def k = remoteJob node: 'agent-1', name: 'r4-kept', keepOnAgent: true, script: %s
                while (a.hasMoreData == false) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "id=${a.id}"
                echo "iid=${a.instanceId}"
                echo "kept=${k.id}"
                """.formatted(PlannedJob.groovyString(script), PlannedJob.groovyString(kept.command(generator))))
                .ok();
        long id = started.id("id");
        long keptId = started.id("kept");
        Path spool = local.host().home().resolve("controller/spool").resolve(started.value("iid"));
        Path jobDir = local.host().home().resolve("agents/agent-1/cache").resolve(started.value("iid"));
        await().atMost(AgentFaults.LONG)
                .until(() -> local.scripts().info(id).hasMoreData()
                        && local.host().manager().table().get(id).orElseThrow().stderrLength() == err.bytes());
        local.scripts()
                .run("receiveJob id: %d, stream: 'stderr', file: 'r4/err.txt', quiet: true".formatted(id))
                .ok();
        Path receivedErr = local.scripts().workingDirectory().resolve("r4/err.txt");
        assertThat(KnownOutput.sha256(receivedErr)).isEqualTo(err.sha256());

        // The disk fills up: from now on every write of the spool's stdout fails with ENOSPC.
        Files.createSymbolicLink(spool.resolve("stdout"), DEV_FULL);
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger monitorLog = Logger.getLogger("io.jenkins.plugins.remotejobs.controller.collection.NodeMonitor");
        monitorLog.addHandler(counter);
        long pausedAt;
        try {
            Files.createFile(gate);
            await().atMost(AgentFaults.LONG)
                    .until(() ->
                            String.valueOf(local.scripts().info(id).reason()).startsWith("collection paused"));
            pausedAt = System.nanoTime();
            JobInfo paused = local.scripts().info(id);
            assertThat(paused.state()).isEqualTo(JobState.RUNNING);
            assertThat(paused.reason())
                    .isEqualTo("collection paused: cannot write the controller's spool (No space left on device);"
                            + " the job goes on and collection resumes when the disk has room");
            // The job goes on: it ends on the agent while its output cannot be collected.
            await().atMost(AgentFaults.LONG).until(() -> Files.exists(jobDir.resolve("exit")));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> local.scripts().info(id).state() == JobState.RUNNING
                            && local.scripts().info(id).reason().startsWith("collection paused"));
            // Another job on the same agent, kept there, is not held up nor said to be paused.
            await().atMost(AgentFaults.LONG)
                    .until(() -> local.scripts().info(keptId).state() == JobState.COMPLETED);
            assertThat(local.scripts().info(keptId).reason()).isNull();
        } finally {
            monitorLog.removeHandler(counter);
            freeTheDisk(spool); // room again
        }
        long pauseWarnings = warnings.size();
        long freedAt = System.nanoTime();
        await().atMost(AgentFaults.LONG).until(() -> local.scripts().info(id).state() == JobState.COMPLETED);
        long resumeMillis = (System.nanoTime() - freedAt) / 1_000_000;
        assertThat(local.scripts().info(id).reason()).isNull();
        local.scripts()
                .run("receiveJob id: %d, file: 'r4/out.txt', quiet: true".formatted(id))
                .ok();

        StreamCheck check = new StreamCheck();
        check.check(
                "stdout received after the pause",
                out,
                local.scripts().workingDirectory().resolve("r4/out.txt"));
        check.check("stderr received before the pause", err, receivedErr);
        check.check("spooled stdout", out, spool.resolve("stdout"));
        check.check("spooled stderr", err, spool.resolve("stderr"));
        check.figures(Figures.of("R4")
                        .put("side", "controller")
                        .put("error", "ENOSPC")
                        .put("pausedSeconds", (freedAt - pausedAt) / 1_000_000_000)
                        .put("pauseWarnings", pauseWarnings)
                        .put("jobWentOn", true)
                        .put("resumeMillis", resumeMillis))
                .print();
        assertThat(check.problems).isEmpty();
        assertThat(pauseWarnings)
                .as("the pause is logged once, not at every retry")
                .isLessThanOrEqualTo(1);
        assertThat(local.host().agents().pid("agent-1")).hasValue(agentPid);
    }

    /** Room again: the spool's stdout is an ordinary file that does not exist yet. */
    private static void freeTheDisk(Path spool) throws java.io.IOException {
        if (Files.isSymbolicLink(spool.resolve("stdout"))) {
            Files.delete(spool.resolve("stdout"));
        }
    }

    @Test
    void aJobWhoseOutputCannotBeWrittenFailsWithTheReasonAndWhatWasCollectedStays() throws Exception {
        assumeThat(DEV_FULL).as("a /dev/full device (Linux)").exists();
        long agentPid = local.host().agents().pid("agent-1").orElseThrow();
        KnownOutput before = new KnownOutput("r4-before", 4, 1000, "0");
        for (boolean keep : new boolean[] {false, true}) {
            String script = before.command(generator) + "; exec >" + DEV_FULL + "; yes r4 | head -c 100000";
            var r = local.scripts()
                    .run("""
                    def j = remoteJob node: 'agent-1', name: 'r4-agent', keepOnAgent: %s, script: %s
                    waitJob jobs: [j], timeout: 120
                    echo "state=${j.state} ${j.exitCode}"
                    echo "reason=${j.reason}"
                    echo "id=${j.id}"
                    receiveJob job: j, file: 'r4/before-%s.txt', quiet: true
                    """.formatted(keep, PlannedJob.groovyString(script), keep))
                    .ok();
            Path received = local.scripts().workingDirectory().resolve("r4/before-" + keep + ".txt");
            StreamCheck check = new StreamCheck();
            check.check("output before the disk was full", before, received);
            Figures.of("R4")
                    .put("side", "agent")
                    .put("mode", keep ? "agent" : "controller")
                    .put("state", r.value("state").replace(' ', '/'))
                    .put("lost", check.lost)
                    .put("duplicated", check.duplicated)
                    .print();
            assertThat(r.value("state")).isEqualTo("Failed 1");
            assertThat(r.value("reason"))
                    .isEqualTo("exit code 1; no space left on device, says its error output:"
                            + " head: error writing 'standard output': No space left on device");
            assertThat(check.problems).isEmpty();
        }
        assertThat(local.host().agents().pid("agent-1")).hasValue(agentPid);
    }
}
