package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job as quick as {@code true} can be over, without a byte of output, by the time its launch
 * returns, while its wrapper, which has just written the exit status, has not exited yet: the
 * agent then refuses to release its copy for a moment. The start must not take that refusal for a
 * failed launch (it once recorded such a job Failed, "launch failed: ... is still running", about
 * once in a thousand quick jobs under load); the job ends Completed. A fresh launch now reports
 * Running; a launch sent again after a lost reply still reports the job as it is, as here.
 */
class QuickSilentJobTest {

    @TempDir
    Path tmp;

    @Test
    void aJobOverBeforeItsLaunchReturnsEndsCompletedEvenWhileItsWrapperLingers() throws Exception {
        try (InProcessAgents agents = new InProcessAgents(tmp.resolve("agents"), "a1")) {
            AtomicInteger refusedReleases = new AtomicInteger();
            AgentDirectory lingering = lingeringWrappers(agents, refusedReleases);
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
     * The timing of a loaded machine made certain: a launch replies only once its job has ended,
     * and the first release is refused as while the job's wrapper exits.
     */
    private static AgentDirectory lingeringWrappers(InProcessAgents agents, AtomicInteger releases) {
        return new InterceptedAgents(agents, (real, method, args) -> {
            if (method.getName().equals("launch")) {
                String id = ((LaunchRequest) args[0]).instanceId();
                real.launch((LaunchRequest) args[0]);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> real.status(id).endedAt() > 0);
                return real.status(id);
            }
            if (method.getName().equals("release") && releases.getAndIncrement() == 0) {
                throw new JobCacheException(JobCacheException.Kind.RUNNING, "job " + args[0] + " is still running");
            }
            return InterceptedAgents.proceed(real, method, args);
        });
    }
}
