package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job as quick as {@code true} can be over, without a byte of output, by the time its launch
 * returns, while its wrapper, which has just written the exit status, has not exited yet: the
 * agent then refuses to release its copy for a moment. The start must not take that refusal for a
 * failed launch (it once recorded such a job Failed, "launch failed: ... is still running", about
 * once in a thousand quick jobs under load); the job ends Completed.
 */
class QuickSilentJobTest {

    @TempDir
    Path tmp;

    @Test
    void aJobOverBeforeItsLaunchReturnsEndsCompletedEvenWhileItsWrapperLingers() throws Exception {
        try (InProcessAgents agents = new InProcessAgents(tmp.resolve("agents"), "a1")) {
            AtomicInteger refusedReleases = new AtomicInteger();
            AgentDirectory lingering = new LingeringWrappers(agents, refusedReleases);
            try (JobManager manager = JobManager.open(tmp.resolve("controller"), lingering, Limits.defaults())) {
                JobSteps steps = new JobSteps(manager);
                TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
                JobRecord job = steps.remoteJob(Map.of("node", "a1", "script", "true"), caller);
                steps.waitJob(Map.of("jobs", List.of(job.id()), "timeout", 60L), caller);

                JobInfo info = manager.info(job.id()).orElseThrow();
                assertThat(info.state()).as("state (%s)", info.reason()).isEqualTo(JobState.COMPLETED);
                assertThat(info.exitCode()).isZero();
                assertThat(refusedReleases.get()).as("releases asked for").isPositive();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> manager.table().get(job.id()).orElseThrow().collected());
            }
        }
    }

    /**
     * The real caches, with the timing of a loaded machine made certain: a launch replies only once
     * its job has ended, and the first release of each job is refused as while its wrapper exits.
     */
    private record LingeringWrappers(InProcessAgents agents, AtomicInteger refusedReleases) implements AgentDirectory {
        @Override
        public List<String> nodes() {
            return agents.nodes();
        }

        @Override
        public List<String> nodesWithLabel(String label) {
            return agents.nodesWithLabel(label);
        }

        @Override
        public boolean exists(String node) {
            return agents.exists(node);
        }

        @Override
        public Optional<AgentProtocol> connect(String node) {
            return agents.connect(node).map(this::lingering);
        }

        @Override
        public void addListener(AgentListener listener) {
            agents.addListener(listener);
        }

        private AgentProtocol lingering(AgentProtocol real) {
            return (AgentProtocol) Proxy.newProxyInstance(
                    AgentProtocol.class.getClassLoader(), new Class<?>[] {AgentProtocol.class}, (p, method, args) -> {
                        if (method.getName().equals("launch")) {
                            String id = ((LaunchRequest) args[0]).instanceId();
                            real.launch((LaunchRequest) args[0]);
                            await().atMost(Duration.ofSeconds(30))
                                    .until(() -> real.status(id).endedAt() > 0);
                            return real.status(id);
                        }
                        if (method.getName().equals("release") && refusedReleases.getAndIncrement() == 0) {
                            throw new JobCacheException(
                                    JobCacheException.Kind.RUNNING, "job " + args[0] + " is still running");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
