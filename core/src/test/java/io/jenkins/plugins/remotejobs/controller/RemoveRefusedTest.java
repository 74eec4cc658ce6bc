package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that answers a remove with a refusal (it could not delete the job's files, or the job
 * still runs there) is reachable: the error says what it refused and why, never that the agent is
 * unreachable, and nothing is removed from the table.
 */
class RemoveRefusedTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusalIsReportedAsOneAndRemovesNothing() throws Exception {
        try (InProcessAgents agents = new InProcessAgents(tmp.resolve("agents"), "a1")) {
            AtomicBoolean refuse = new AtomicBoolean(true);
            try (JobManager manager =
                    JobManager.open(tmp.resolve("controller"), refusing(agents, refuse), Limits.defaults())) {
                TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
                JobRecord started = manager.starter().start(JobManagerTest.on("a1", "true", true), caller);
                manager.control().waitFor(List.of(started), false, 60L, false, caller.log());
                JobRecord job = manager.table().get(started.id()).orElseThrow();

                assertThatThrownBy(() -> manager.control().remove(job, false))
                        .isInstanceOf(JobException.class)
                        .hasMessageContaining("agent a1 refused to remove job " + job.id())
                        .hasMessageContaining("cannot delete")
                        .hasMessageNotContaining("unreachable");
                assertThat(manager.table().get(job.id())).isPresent();

                refuse.set(false);
                manager.control().remove(job, false);
                assertThat(manager.table().get(job.id())).isEmpty();
            }
        }
    }

    /** The real caches, refusing every remove while {@code refuse} is set. */
    private static AgentDirectory refusing(InProcessAgents agents, AtomicBoolean refuse) {
        return new InterceptedAgents(agents, (real, method, args) -> {
            if (method.getName().equals("remove") && refuse.get()) {
                throw new JobCacheException(JobCacheException.Kind.STORAGE, "cannot delete the job's files: read-only");
            }
            return InterceptedAgents.proceed(real, method, args);
        });
    }
}
