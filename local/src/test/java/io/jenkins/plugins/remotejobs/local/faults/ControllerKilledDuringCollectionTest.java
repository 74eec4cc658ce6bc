package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R2: the controller ({@code remote-jobs run} in its own JVM) is killed ({@code kill -9}) while it
 * collects the output of jobs in both result modes. Its agents exit on their own, the detached jobs
 * go on, the home's lock is free at once; a second run on the same home finishes collecting and
 * receives every stream into a file with the sha256 of what the job wrote, and the controller's
 * spool of every controller-mode job is exactly its output.
 */
class ControllerKilledDuringCollectionTest {

    private static final int MIB = 1 << 20;

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    /** The jobs; the last one waits for {@code gate} before it writes, so it outlives both deaths for sure. */
    static List<PlannedJob> plan(Path gate) {
        List<PlannedJob> jobs = new ArrayList<>();
        jobs.add(new PlannedJob(
                "r2-gated", "agent-2", false, new KnownOutput("r2-gated", 4, 100_000, "0"), null, 0, gate));
        jobs.add(new PlannedJob("r2-0", "agent-1", false, new KnownOutput("r2-0", 64, MIB / 4, "0.08"), null, 0));
        jobs.add(new PlannedJob("r2-1", "agent-2", false, new KnownOutput("r2-1", 32, MIB / 4, "0.15"), null, 0));
        jobs.add(new PlannedJob("r2-2", "agent-1", true, new KnownOutput("r2-2", 32, MIB / 4, "0.1"), null, 0));
        int[] sizes = {0, 10, 4096, 100_000};
        for (int i = 3; i < 24; i++) {
            jobs.add(new PlannedJob(
                    "r2-" + i,
                    i % 2 == 0 ? "agent-1" : "agent-2",
                    i % 3 == 0,
                    new KnownOutput("r2-" + i, 1 + i % 12, sizes[i % sizes.length], "0.25"),
                    i % 5 == 0 ? new KnownOutput("r2-" + i + "-err", 2, 5000, "0.2") : null,
                    i % 8 == 7 ? 2 : 0));
        }
        return jobs;
    }

    @Test
    void killingTheControllerMidCollectionLeavesAnExactSpoolAndTheNextRunReceivesEverything() throws Exception {
        long began = System.nanoTime();
        Path home = local.home();
        Path cwd = local.scratch().resolve("cwd");
        Path generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
        Path gate = local.scratch().resolve("gate");
        List<PlannedJob> plan = plan(gate);
        StringBuilder first = new StringBuilder("def all = []\n");
        for (int i = 0; i < plan.size(); i++) {
            first.append("def j")
                    .append(i)
                    .append(" = ")
                    .append(plan.get(i).remoteJobCall(generator))
                    .append("\nall << j")
                    .append(i)
                    .append("\necho \"job-")
                    .append(i)
                    .append("=${j")
                    .append(i)
                    .append(".id} ${j")
                    .append(i)
                    .append(".instanceId}\"\n");
        }
        first.append("echo 'started=all'\nwaitJob jobs: all, timeout: 600\necho 'finished=too soon'\n");
        Path firstScript = Files.writeString(local.scratch().resolve("first.Jenkinsfile"), first);

        CliRun controller = CliRun.start(firstScript, home, cwd);
        await().atMost(AgentFaults.LONG)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> controller.value("started") != null || !controller.process.isAlive());
        assertThat(controller.value("started")).as(controller::describe).isEqualTo("all");
        long[] ids = new long[plan.size()];
        String[] instances = new String[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            String[] parts = controller.value("job-" + i).split(" ");
            ids[i] = Long.parseLong(parts[0]);
            instances[i] = parts[1];
        }
        Path spooled = home.resolve("controller/spool").resolve(instances[1]).resolve("stdout");
        await().atMost(AgentFaults.LONG)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> Files.exists(spooled) && Files.size(spooled) >= 2L * MIB);

        controller.process.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        assertThat(controller.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long spooledAtKill = Files.size(spooled);

        // The OS released the home's lock with the dead JVM.
        try (CacheLock lock = CacheLock.acquire(home.toRealPath())) {
            assertThat(lock).isNotNull();
        }
        // Its agents notice that their standard input closed and exit.
        await().atMost(Duration.ofSeconds(60)).until(() -> agentsOf(home).isEmpty());
        // The jobs, detached from the agents, go on.
        long aliveAfterKill = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (wrapperAlive(home.resolve("agents")
                    .resolve(plan.get(i).node())
                    .resolve("cache")
                    .resolve(instances[i]))) {
                aliveAfterKill++;
            }
        }
        assertThat(wrapperAlive(home.resolve("agents/agent-2/cache").resolve(instances[0])))
                .as("the gated job runs on after its controller and agents died")
                .isTrue();
        Files.createFile(gate);

        List<Long> idList = Arrays.stream(ids).boxed().toList();
        String second = ReceivedPlan.script(idList, "r2", "") + "echo 'done=yes'\n";
        CliRun again =
                CliRun.start(Files.writeString(local.scratch().resolve("second.Jenkinsfile"), second), home, cwd);
        assertThat(again.process.waitFor(300, TimeUnit.SECONDS))
                .as("second run ended")
                .isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.value("done") != null || !again.stdout.isEmpty());
        assertThat(again.process.exitValue()).as(again::describe).isZero();

        StreamCheck files = new StreamCheck();
        StreamCheck spool = new StreamCheck();
        List<String> wrongStates = ReceivedPlan.check(plan, idList, again::value, cwd.resolve("r2"), files);
        for (int i = 0; i < plan.size(); i++) {
            PlannedJob job = plan.get(i);
            if (!job.keepOnAgent()) {
                Path dir = home.resolve("controller/spool").resolve(instances[i]);
                spool.check(job.name() + " spooled stdout", job.stdout(), dir.resolve("stdout"));
                if (job.stderr() != null) {
                    spool.check(job.name() + " spooled stderr", job.stderr(), dir.resolve("stderr"));
                }
            }
        }
        files.figures(Figures.of("R2")
                        .put("jobs", plan.size())
                        .put("spooledAtKill", spooledAtKill)
                        .put("aliveAfterKill", aliveAfterKill)
                        .put("wrongStates", wrongStates.size())
                        .put("spoolStreams", spool.streams)
                        .put("spoolLost", spool.lost)
                        .put("spoolDuplicated", spool.duplicated))
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(wrongStates).isEmpty();
        assertThat(files.problems)
                .as("received files that differ from what the jobs wrote")
                .isEmpty();
        assertThat(spool.problems)
                .as("spool files that differ from what the jobs wrote")
                .isEmpty();
    }

    /** The agent JVMs serving this home, found by their command lines. */
    static List<ProcessHandle> agentsOf(Path home) {
        String marker = home.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .filter(a -> a.contains("-Dremotejobs.agent=") && a.contains(marker))
                        .isPresent())
                .toList();
    }

    /** Whether the job's wrapper, as its directory records it, is still running. */
    static boolean wrapperAlive(Path jobDir) throws Exception {
        Properties p = AtomicFiles.readProperties(jobDir.resolve("process.properties"));
        if (p == null) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(p.getProperty("pid")))
                .filter(ProcessHandle::isAlive)
                .isPresent();
    }
}
