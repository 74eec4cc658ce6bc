package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the launcher enforces beside the job (the {@code sh} wrapper, or the portable launcher's
 * supervisor), so that it holds while no job cache (no agent JVM) is open: the timeout, and the
 * KILL that follows a stop's TERM. Closing the cache takes its timers away, as an agent JVM that
 * exits does; the processes are real and are checked one by one.
 */
@ParameterizedClass(name = "launcher {0}")
@ValueSource(strings = {"sh", "portable"})
class JobSupervisionTest {

    @Parameter
    String launcher;

    /** A job that ignores TERM and records the pids of its shell and its sleeping child. */
    private static final String STUBBORN = "trap '' TERM; sleep 300 & echo $$ $! > pids; wait";

    @RegisterExtension
    final OneJobCache agent = OneJobCache.withStopGrace(Duration.ofSeconds(1)).launcher(() -> launcher);

    @Test
    void aStopIsEscalatedToKillEvenWhenTheCacheClosesDuringTheGracePeriod() throws IOException {
        LaunchRequest req = request(STUBBORN, 0, List.of());
        agent.cache().launch(req);
        List<Long> pids = awaitPids(req);

        agent.cache().stop(req.instanceId());
        agent.cache().close(); // the agent goes away before its own KILL timer fires
        awaitAllGone(pids);

        agent.reopen();
        JobStatus end = agent.cache().status(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.STOPPED);
        assertThat(end.reason()).isEqualTo("stopped by request");
    }

    @Test
    void aTimeoutEndsAJobThatIgnoresTermWhileNoCacheIsOpen() throws IOException {
        LaunchRequest req = request(STUBBORN, 1, List.of());
        agent.cache().launch(req);
        List<Long> pids = awaitPids(req);
        agent.cache().close();

        awaitAllGone(pids);
        agent.reopen();
        JobStatus end = agent.cache().status(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.FAILED);
        assertThat(end.reason()).isEqualTo("timed out after 1 s");
    }

    @Test
    void aJobThatEndsBeforeItsTimeoutCompletesAndLeavesNoProcessBehind() throws IOException {
        LaunchRequest req = request("echo done", 60, List.of());
        JobStatus started = agent.cache().launch(req);
        long recorded = Long.parseLong(AtomicFiles.readProperties(
                        agent.root().resolve(req.instanceId()).resolve("process.properties"))
                .getProperty("pid"));
        JobStatus end = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> agent.cache().status(req.instanceId()),
                        s -> s.state().isFinished());

        assertThat(started.instanceId()).isEqualTo(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.COMPLETED);
        assertThat(end.exitCode()).isZero();
        // The timeout's sleeper (the wrapper's) is cancelled with the job: nothing of the recorded
        // process or its session is left.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> java.util.stream.Stream.concat(
                                ProcessHandle.of(recorded).stream(), JobSession.members(recorded).stream())
                        .noneMatch(h -> h.isAlive() && !JobProcess.isZombie(h.pid())));
        assertThat(Files.exists(agent.root().resolve(req.instanceId()).resolve("timed-out")))
                .isFalse();
    }

    @Test
    void aJobCarriesNoneOfJenkinsKillCookiesEvenWhenAskedTo() throws IOException {
        LaunchRequest req = request(
                "env | sort",
                0,
                List.of("JENKINS_NODE_COOKIE=dontKillMe", "HUDSON_COOKIE=x", "JENKINS_SERVER_COOKIE=y", "KEPT=1"));
        agent.cache().launch(req);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> agent.cache().status(req.instanceId()),
                        s -> s.state().isFinished());
        byte[] out = agent.cache()
                .read(List.of(new ReadRequest(req.instanceId(), StreamName.STDOUT, 0, 1 << 20, null)), 1 << 20, 0)
                .chunks()
                .get(0)
                .data();
        String env = new String(out, StandardCharsets.UTF_8);

        assertThat(env).contains("KEPT=1\n");
        assertThat(env.lines().map(l -> l.substring(0, Math.max(0, l.indexOf('=')))))
                .doesNotContainAnyElementsOf(JobEnvironment.KILL_COOKIES);
    }

    private static LaunchRequest request(String script, long timeoutSeconds, List<String> env) {
        return new LaunchRequest(JobIds.newInstanceId(), "test", "sh", script, null, env, timeoutSeconds, false);
    }

    private List<Long> awaitPids(LaunchRequest req) {
        Path file = agent.root().resolve(req.instanceId()).resolve("work").resolve("pids");
        String line = await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(file) ? Files.readString(file).trim() : "", s -> s.contains(" "));
        List<Long> pids =
                java.util.Arrays.stream(line.split(" ")).map(Long::parseLong).toList();
        assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).isPresent());
        return pids;
    }

    private static void awaitAllGone(List<Long> pids) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pids.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .filter(h -> h.isAlive() && !JobProcess.isZombie(pid))
                                .isPresent()));
    }
}
