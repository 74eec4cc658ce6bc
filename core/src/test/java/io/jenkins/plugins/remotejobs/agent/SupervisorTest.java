package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.supervisor.ProcStat;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The portable launcher's own promises, with a real supervisor JVM: one per cache whatever the
 * number of jobs, within its memory budget, named on its command line; it stops what left the job's
 * session once it has seen it; what it is handed in memory never reaches the disk; its death is
 * told truthfully; it goes away when nobody needs it.
 */
class SupervisorTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final OneJobCache agent = OneJobCache.withStopGrace(Duration.ofSeconds(1)).launcher(() -> "portable");

    @Test
    void aHundredRunningJobsShareOneSupervisorThatStaysWithinItsMemoryBudget() throws IOException {
        assumeThat(ProcStat.AVAILABLE).as("Linux /proc").isTrue();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LaunchRequest req = sh("sleep 300");
            agent.cache().launch(req);
            ids.add(req.instanceId());
        }
        await().atMost(LONG).until(() -> ids.stream().allMatch(this::running));

        List<ProcessHandle> supervisors = supervisorsOf(agent.root());
        assertThat(supervisors).hasSize(1);
        long rssKib = residentKib(supervisors.get(0).pid());
        System.out.println("FIGURE supervisor jobs=100 rssKiB=" + rssKib);
        assertThat(rssKib).as("resident set of the supervisor, KiB").isLessThanOrEqualTo(64 * 1024);
        assertThat(supervisors.get(0).info().arguments().orElseThrow())
                .contains(
                        "io.jenkins.plugins.remotejobs.supervisor.JobSupervisor",
                        agent.root().toString());

        for (String id : ids) {
            agent.cache().stop(id);
        }
        await().atMost(LONG).until(() -> ids.stream().allMatch(this::over));
    }

    @Test
    void aStopReachesAProcessThatLeftTheJobsSessionAndParentOnceTheSupervisorHadSeenIt() throws IOException {
        assumeThat(ProcStat.AVAILABLE).as("Linux /proc").isTrue();
        // The middle shell starts a daemon in a session of its own, lives on long enough to be
        // seen, then exits: the daemon is then neither in the job's tree nor in its session.
        LaunchRequest req = sh("sh -c 'setsid sleep 300 & echo $! > daemon; sleep 3' ; echo left; sleep 300");
        agent.cache().launch(req);
        Path out = agent.root().resolve(req.instanceId()).resolve("stdout");
        await().atMost(LONG).until(() -> Files.readString(out).contains("left"));
        long daemon = Long.parseLong(
                Files.readString(agent.root().resolve(req.instanceId()).resolve("work/daemon"))
                        .trim());
        ProcessHandle handle = ProcessHandle.of(daemon).orElseThrow();
        assertThat(handle.parent().map(ProcessHandle::pid)).isNotEqualTo(Optional.of(recordedPid(req)));

        agent.cache().stop(req.instanceId());

        await().atMost(LONG).until(() -> !handle.isAlive() || JobProcess.isZombie(daemon));
        assertThat(agent.awaitEnded(req.instanceId()).state()).isEqualTo(AgentJobState.STOPPED);
    }

    @Test
    void environmentValuesTravelInMemoryAndNeverReachTheCachesFiles() throws IOException {
        String secret = "s3cr3t-" + JobIds.newInstanceId();
        LaunchRequest req = new LaunchRequest(
                JobIds.newInstanceId(),
                "env",
                "sh",
                "case $TOKEN in s3cr3t-????????-*) exit 0;; esac; exit 1",
                null,
                List.of("TOKEN=" + secret),
                0,
                false);
        agent.cache().launch(req);

        JobStatus end = agent.awaitEnded(req.instanceId());

        assertThat(end.exitCode()).as("the job saw the value").isZero();
        try (Stream<Path> files = Files.walk(agent.scratch())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .as("%s", f)
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void aKilledSupervisorIsToldInTheStatusAndTheNextLaunchStartsANewOne() throws Exception {
        LaunchRequest req = sh("while [ ! -f go ]; do sleep 0.05; done");
        agent.cache().launch(req);
        ProcessHandle first = supervisorsOf(agent.root()).get(0);
        first.destroyForcibly();
        first.onExit().get();
        assertThat(running(req.instanceId())).as("the job itself runs on").isTrue();

        Files.writeString(agent.root().resolve(req.instanceId()).resolve("work/go"), "");
        JobStatus end = agent.awaitEnded(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(end.reason()).isEqualTo("the agent's job supervisor ended without recording an exit status");

        LaunchRequest next = sh("exit 7");
        agent.cache().launch(next);
        assertThat(agent.awaitEnded(next.instanceId()).exitCode()).isEqualTo(7);
        assertThat(supervisorsOf(agent.root())).singleElement().isNotEqualTo(first);
    }

    @Test
    void theSupervisorLeavesOnceNoCacheIsOpenAndNoJobRuns() throws Exception {
        LaunchRequest req = sh("while [ ! -f go ]; do sleep 0.05; done");
        agent.cache().launch(req);
        ProcessHandle supervisor = supervisorsOf(agent.root()).get(0);
        agent.cache().close();
        Files.writeString(agent.root().resolve(req.instanceId()).resolve("work/go"), "");

        supervisor.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        agent.reopen();
        assertThat(agent.cache().status(req.instanceId()).exitCode())
                .as("recorded before it left")
                .isZero();
    }

    private boolean running(String id) {
        return status(id).state() == AgentJobState.RUNNING;
    }

    private boolean over(String id) {
        return status(id).endedAt() > 0;
    }

    private JobStatus status(String id) {
        try {
            return agent.cache().status(id);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long recordedPid(LaunchRequest req) throws IOException {
        return Long.parseLong(AtomicFiles.readProperties(
                        agent.root().resolve(req.instanceId()).resolve("process.properties"))
                .getProperty("pid"));
    }

    /** The supervisor processes of {@code cacheRoot}, told by their command lines. */
    static List<ProcessHandle> supervisorsOf(Path cacheRoot) {
        String marker = "-Dremotejobs.supervisor=" + cacheRoot;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> List.of(a).contains(marker))
                        .orElse(false))
                .toList();
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    private static LaunchRequest sh(String script) {
        return new LaunchRequest(JobIds.newInstanceId(), "test", "sh", script, null, List.of(), 0, false);
    }
}
