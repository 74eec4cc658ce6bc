package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobCacheTest {

    @RegisterExtension
    final OneJobCache agent = OneJobCache.withStopGrace(Duration.ofSeconds(2));

    static LaunchRequest sh(String script) {
        return new LaunchRequest(JobIds.newInstanceId(), "test", "sh", script, null, List.of(), 0, false);
    }

    JobStatus awaitFinished(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> agent.cache().status(id), s -> s.state().isFinished());
    }

    String readAll(String id, StreamName stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            ReadResult r = agent.cache().read(List.of(new ReadRequest(id, stream, offset, 1 << 20, null)), 1 << 20, 0);
            if (r.chunks().isEmpty()) {
                return out.toString(StandardCharsets.UTF_8);
            }
            for (Chunk c : r.chunks()) {
                out.write(c.data());
                offset = c.end();
            }
        }
    }

    /** The wrapper's pid as the agent recorded it at launch. */
    static long recordedWrapperPid(Path jobDir) throws IOException {
        return Long.parseLong(
                AtomicFiles.readProperties(jobDir.resolve("process.properties")).getProperty("pid"));
    }

    /** Clean-up for a test that leaves a wrapper running: KILL to its whole process group. */
    static void killProcessGroup(long wrapper) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", "--", "-" + wrapper).start().waitFor();
    }

    @Test
    void jobRunsDetachedAndKeepsStdoutAndStderrApart() throws IOException {
        LaunchRequest req = sh("echo out; echo err >&2; exit 0");
        assertThat(agent.cache().launch(req).state()).isIn(AgentJobState.RUNNING, AgentJobState.COMPLETED);
        JobStatus done = awaitFinished(req.instanceId());
        assertThat(done.state()).isEqualTo(AgentJobState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(readAll(req.instanceId(), StreamName.STDOUT)).isEqualTo("out\n");
        assertThat(readAll(req.instanceId(), StreamName.STDERR)).isEqualTo("err\n");
    }

    /**
     * The moment between a wrapper recording the exit status and exiting: the job is over, so it
     * can be released and removed (a remove once failed there with "still running", now and then,
     * right after a receive). The moment is made to last: the status is recorded as the wrapper
     * would while its job still sleeps.
     */
    @Test
    void aJobWhoseExitStatusIsRecordedIsOverWhileItsWrapperLingers() throws Exception {
        LaunchRequest req = sh("sleep 60");
        agent.cache().launch(req);
        Path dir = agent.root().resolve(req.instanceId());
        long wrapper = recordedWrapperPid(dir);
        try {
            Files.writeString(dir.resolve("exit"), "0\n");
            assertThat(agent.cache().status(req.instanceId()).state()).isEqualTo(AgentJobState.COMPLETED);
            assertThat(ProcessHandle.of(wrapper).map(ProcessHandle::isAlive)).contains(true);

            assertThat(agent.cache().release(req.instanceId()).released()).isTrue();
            agent.cache().remove(req.instanceId(), false);
            assertThat(dir).doesNotExist();
        } finally {
            killProcessGroup(wrapper);
        }
    }

    /**
     * The agent JVM dies after the launcher started the wrapper and before the agent recorded its
     * pid (process.properties is missing after the restart): the job is found running by the pid
     * its launcher noted, and can be stopped. A noted pid that is some other process is not taken.
     */
    @Test
    void aWrapperWhosePidTheAgentNeverRecordedIsFoundAgainAndCanBeStopped() throws Exception {
        LaunchRequest req = sh("sleep 60");
        agent.cache().launch(req);
        Path dir = agent.root().resolve(req.instanceId());
        long wrapper = recordedWrapperPid(dir);
        try {
            assertThat(Files.readString(dir.resolve("launched-pid"))).isEqualTo(wrapper + "\n");
            agent.cache().close();
            Files.delete(dir.resolve("process.properties"));
            agent.reopen();

            assertThat(agent.cache().status(req.instanceId()).state()).isEqualTo(AgentJobState.RUNNING);
            agent.cache().stop(req.instanceId());
            JobStatus end = awaitFinished(req.instanceId());
            assertThat(end.state()).isEqualTo(AgentJobState.STOPPED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.of(wrapper)
                            .map(h -> !h.isAlive() || JobProcess.isZombie(wrapper))
                            .orElse(true));
        } finally {
            killProcessGroup(wrapper);
        }
    }

    @Test
    void aNotedPidThatIsAnotherProcessIsNotTakenForTheWrapper() throws Exception {
        LaunchRequest req = sh("exit 0");
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        Path dir = agent.root().resolve(req.instanceId());
        agent.cache().close();
        // As if the agent died at launch, and the pid went to another process since: this JVM.
        for (String file : new String[] {"process.properties", "exit", "end.properties"}) {
            Files.deleteIfExists(dir.resolve(file));
        }
        Files.writeString(dir.resolve("launched-pid"), ProcessHandle.current().pid() + "\n");
        agent.reopen();

        JobStatus status = agent.cache().status(req.instanceId());
        assertThat(status.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(status.reason()).isEqualTo("the agent stopped while launching the job");
    }

    @Test
    void nonZeroExitFailsWithTheCode() throws IOException {
        LaunchRequest req = sh("exit 3");
        agent.cache().launch(req);
        JobStatus done = awaitFinished(req.instanceId());
        assertThat(done.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(done.reason()).isEqualTo("exit code 3");
    }

    @Test
    void launchIsIdempotentPerInstanceId() throws IOException {
        LaunchRequest req = sh("echo once >> \"$PWD/count\"");
        agent.cache().launch(req);
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        agent.cache().launch(req);
        Path count = agent.root().resolve(req.instanceId()).resolve("work/count");
        assertThat(Files.readString(count)).isEqualTo("once\n");
    }

    @Test
    void environmentReachesTheProcessButIsNeverWritten() throws IOException {
        LaunchRequest req = new LaunchRequest(
                JobIds.newInstanceId(), "env", "sh", "echo \"$SECRET_X\"", null, List.of("SECRET_X=hunter2"), 0, false);
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        assertThat(readAll(req.instanceId(), StreamName.STDOUT)).isEqualTo("hunter2\n");
        try (var files = Files.walk(agent.root().resolve(req.instanceId()))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("stdout")) {
                    assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
                }
            }
        }
    }

    @Test
    void workingDirectoryMustExist() throws IOException {
        LaunchRequest req = new LaunchRequest(
                JobIds.newInstanceId(),
                "d",
                "sh",
                "pwd",
                agent.scratch().resolve("missing").toString(),
                List.of(),
                0,
                false);
        JobStatus s = agent.cache().launch(req);
        assertThat(s.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(s.reason()).contains("does not exist");
    }

    @Test
    void givenWorkingDirectoryIsUsed() throws IOException {
        LaunchRequest req = new LaunchRequest(
                JobIds.newInstanceId(), "d", "sh", "pwd", agent.scratch().toString(), List.of(), 0, false);
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        assertThat(readAll(req.instanceId(), StreamName.STDOUT).trim())
                .isEqualTo(agent.scratch().toRealPath().toString());
    }

    @Test
    void unknownOrMissingShellFailsTheLaunchWithTheReason() throws IOException {
        JobStatus bat = agent.cache()
                .launch(new LaunchRequest(JobIds.newInstanceId(), "b", "bat", "dir", null, List.of(), 0, false));
        assertThat(bat.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(bat.reason()).contains("bat");
    }

    @Test
    void stopKillsTheWholeTreeAndWinsOverTheExitCode() throws Exception {
        Path pids = agent.scratch().resolve("pids");
        LaunchRequest req = sh("sleep 300 & echo $! >> " + pids + "; (sleep 300 & echo $! >> " + pids
                + "; wait) & echo $! >> " + pids + "; echo $$ >> " + pids + "; wait");
        agent.cache().launch(req);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(pids) && Files.readAllLines(pids).size() >= 4);
        List<Long> processes =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(processes).allMatch(pid -> ProcessHandle.of(pid).isPresent());

        JobStatus stopped = agent.cache().stop(req.instanceId());
        assertThat(stopped.state()).isEqualTo(AgentJobState.STOPPED);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> processes.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .filter(h -> h.isAlive() && !JobProcess.isZombie(pid))
                                .isPresent()));
        JobStatus end = awaitFinished(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.STOPPED);
        assertThat(end.reason()).isEqualTo("stopped by request");
    }

    @Test
    void timeoutFailsTheJob() {
        LaunchRequest req = new LaunchRequest(JobIds.newInstanceId(), "t", "sh", "sleep 60", null, List.of(), 1, false);
        try {
            agent.cache().launch(req);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JobStatus end = awaitFinished(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(end.reason()).startsWith("timed out");
    }

    @Test
    void commitIsACompareAndSetThatOnlyTheFirstClaimOfARangeWins() throws IOException {
        LaunchRequest req = sh("printf 0123456789");
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        String id = req.instanceId();
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 4)).isEqualTo(new CommitResult(true, 4));
        // A second consumer that read the same bytes, or fewer, does not get them too.
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 4)).isEqualTo(new CommitResult(false, 4));
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 2)).isEqualTo(new CommitResult(false, 4));
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 6)).isEqualTo(new CommitResult(false, 4));
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 4, 10)).isEqualTo(new CommitResult(true, 10));
        assertThatThrownBy(() -> agent.cache().commit(id, StreamName.STDERR, 0, 1))
                .isInstanceOf(JobCacheException.class);
        assertThat(agent.cache().status(id).stdoutCursor()).isEqualTo(10);
    }

    /**
     * A power loss can leave a cursor file empty or torn (its rename reached the disk, its bytes
     * did not). The job's output stays receivable: the cursor counts as nothing consumed, so bytes
     * may come again but none is lost, and the next commit writes a whole cursor again.
     */
    @Test
    void anEmptyOrTornCursorFileCountsAsNothingConsumed() throws IOException {
        LaunchRequest req = sh("printf 0123456789");
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        String id = req.instanceId();
        assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 4).committed())
                .isTrue();
        Path cursor = agent.root().resolve(id).resolve("cursor-stdout");
        for (String torn : new String[] {"", "4x", "-4", "\0\0\0"}) {
            agent.cache().close();
            Files.writeString(cursor, torn);
            agent.reopen();

            assertThat(agent.cache().status(id).stdoutCursor())
                    .as("cursor file %s", torn)
                    .isZero();
            assertThat(readAll(id, StreamName.STDOUT)).isEqualTo("0123456789");
            assertThat(agent.cache().commit(id, StreamName.STDOUT, 0, 4)).isEqualTo(new CommitResult(true, 4));
        }
        agent.cache().close();
        agent.reopen();
        assertThat(agent.cache().status(id).stdoutCursor()).isEqualTo(4);
    }

    @Test
    void readWaitsForNewBytesAndReturnsEarly() throws IOException {
        LaunchRequest req = sh("read x < /dev/null; sleep 1; echo late");
        agent.cache().launch(req);
        long start = System.nanoTime();
        ReadResult r = agent.cache()
                .read(
                        List.of(new ReadRequest(req.instanceId(), StreamName.STDOUT, 0, 100, AgentJobState.RUNNING)),
                        100,
                        20_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.chunks().isEmpty() ? "" : new String(r.chunks().get(0).data(), StandardCharsets.UTF_8))
                .satisfiesAnyOf(
                        text -> assertThat(text).isEqualTo("late\n"),
                        text -> assertThat(r.statuses().get(0).state()).isNotEqualTo(AgentJobState.RUNNING));
    }

    @Test
    void aWaitingReadWakesOnOutputOfAJobThatKeepsRunning() throws IOException {
        LaunchRequest req = sh("sleep 0.5; echo late; exec sleep 30");
        agent.cache().launch(req);
        long start = System.nanoTime();
        ReadResult r = agent.cache()
                .read(
                        List.of(new ReadRequest(req.instanceId(), StreamName.STDOUT, 0, 100, AgentJobState.RUNNING)),
                        100,
                        20_000);
        // A file event, not the end of the job nor of the wait, brings the output back.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.statuses().get(0).state()).isEqualTo(AgentJobState.RUNNING);
        assertThat(new String(r.chunks().get(0).data(), StandardCharsets.UTF_8)).isEqualTo("late\n");
        agent.cache().remove(req.instanceId(), true);
    }

    @Test
    void releaseKeepsATombstoneSoALateLaunchDoesNotRunAgain() throws IOException {
        LaunchRequest req = sh("echo hello");
        agent.cache().launch(req);
        awaitFinished(req.instanceId());
        JobStatus released = agent.cache().release(req.instanceId());
        assertThat(released.released()).isTrue();
        assertThat(released.stdoutLength()).isEqualTo(6);
        assertThat(agent.root().resolve(req.instanceId()).resolve("stdout")).doesNotExist();
        JobStatus again = agent.cache().launch(req);
        assertThat(again.released()).isTrue();
        assertThat(again.state()).as(again.toString()).isEqualTo(AgentJobState.COMPLETED);
    }

    /** The pid of the job's wrapper, as its directory records it. */
    private long wrapperPid(LaunchRequest req) throws IOException {
        return Long.parseLong(AtomicFiles.readProperties(
                        agent.root().resolve(req.instanceId()).resolve("process.properties"))
                .getProperty("pid"));
    }

    @Test
    void aJobIsNoDescendantOfTheJvmThatLaunchedIt() throws IOException {
        // Jenkins kills an agent's whole process tree when it disconnects an agent it launched.
        LaunchRequest req = sh("sleep 300");
        agent.cache().launch(req);
        long wrapper = wrapperPid(req);
        ProcessHandle handle = ProcessHandle.of(wrapper).orElseThrow();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> handle.descendants()
                        .anyMatch(h -> h.info().command().orElse("").endsWith("sleep")));
        List<Long> job = new java.util.ArrayList<>(
                handle.descendants().map(ProcessHandle::pid).toList());
        job.add(wrapper);
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .as("this JVM's descendants")
                .doesNotContainAnyElementsOf(job);
        agent.cache().remove(req.instanceId(), true);
    }

    @Test
    void aWrapperKilledFromOutsideEndsAWaitingRead() throws IOException {
        // No exit status is written and the wrapper is no child of this JVM: a slow re-check sees it.
        LaunchRequest req = sh("sleep 300");
        agent.cache().launch(req);
        long wrapper = wrapperPid(req);
        ProcessHandle handle = ProcessHandle.of(wrapper).orElseThrow();
        List<ProcessHandle> job = new java.util.ArrayList<>(handle.descendants().toList());
        java.util.concurrent.CompletableFuture.runAsync(
                () -> {
                    handle.destroyForcibly();
                    job.forEach(ProcessHandle::destroyForcibly);
                },
                java.util.concurrent.CompletableFuture.delayedExecutor(
                        300, java.util.concurrent.TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        ReadResult r = agent.cache()
                .read(
                        List.of(new ReadRequest(req.instanceId(), StreamName.STDOUT, 0, 100, AgentJobState.RUNNING)),
                        100,
                        60_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(r.statuses().get(0).state()).isEqualTo(AgentJobState.FAILED);
        assertThat(r.statuses().get(0).reason()).contains("without recording an exit status");
    }

    @Test
    void removeRefusesARunningJobUnlessForced() throws IOException {
        LaunchRequest req = sh("sleep 300");
        agent.cache().launch(req);
        assertThatThrownBy(() -> agent.cache().remove(req.instanceId(), false))
                .isInstanceOf(JobCacheException.class)
                .hasMessageContaining("still running")
                .hasMessageContaining("force");
        agent.cache().remove(req.instanceId(), true);
        assertThat(agent.root().resolve(req.instanceId())).doesNotExist();
        assertThatThrownBy(() -> agent.cache().status(req.instanceId()))
                .isInstanceOfSatisfying(
                        JobCacheException.class,
                        e -> assertThat(e.kind()).isEqualTo(JobCacheException.Kind.NO_SUCH_JOB));
    }

    @Test
    void invalidIdsAreRefusedBeforeAnyFileIsTouched() {
        for (String bad : List.of("../x", "/etc", "a\\b", "x\u0000y", "", "UPPER-0000-0000-0000-000000000000")) {
            assertThatThrownBy(() -> agent.cache().status(bad))
                    .isInstanceOfSatisfying(
                            JobCacheException.class,
                            e -> assertThat(e.kind()).isEqualTo(JobCacheException.Kind.INVALID_ID));
        }
    }

    @Test
    void aJobWhoseDirectoryWasDeletedIsForgottenWithoutFailingTheOthers() throws IOException {
        LaunchRequest gone = sh("sleep 2");
        LaunchRequest other = sh("echo still here");
        agent.cache().launch(gone);
        agent.cache().launch(other);
        AtomicFiles.deleteTree(agent.root().resolve(gone.instanceId()));

        ReadResult read = agent.cache()
                .read(
                        List.of(
                                new ReadRequest(gone.instanceId(), StreamName.STDOUT, 0, 100, null),
                                new ReadRequest(other.instanceId(), StreamName.STDOUT, 0, 100, null)),
                        1000,
                        0);
        assertThat(read.statuses()).extracting(JobStatus::instanceId).containsExactly(other.instanceId());
        assertThat(agent.cache().list()).extracting(JobStatus::instanceId).doesNotContain(gone.instanceId());
        assertThatThrownBy(() -> agent.cache().status(gone.instanceId()))
                .isInstanceOfSatisfying(
                        JobCacheException.class,
                        e -> assertThat(e.kind()).isEqualTo(JobCacheException.Kind.NO_SUCH_JOB));
        // The other job's wrapper writes into its directory as it ends: not while it is deleted.
        assertThat(awaitFinished(other.instanceId()).state()).isEqualTo(AgentJobState.COMPLETED);
    }

    @Test
    void aSecondOwnerOfTheRootIsRefused() {
        assertThatThrownBy(() -> JobCache.open(agent.root()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already in use");
    }

    @Test
    void reopenedCachePicksUpRunningAndFinishedJobs() throws IOException {
        LaunchRequest running = sh("echo started; sleep 2; echo finished");
        LaunchRequest done = sh("echo quick");
        agent.cache().launch(running);
        agent.cache().launch(done);
        awaitFinished(done.instanceId());
        agent.cache().close();

        agent.reopen();
        assertThat(agent.cache().list())
                .extracting(JobStatus::instanceId)
                .contains(running.instanceId(), done.instanceId());
        assertThat(agent.cache().status(done.instanceId()).state()).isEqualTo(AgentJobState.COMPLETED);
        JobStatus end = awaitFinished(running.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.COMPLETED);
        assertThat(readAll(running.instanceId(), StreamName.STDOUT)).isEqualTo("started\nfinished\n");
    }
}
