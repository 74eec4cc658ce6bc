package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code removeJob} of a parent whose children are on several agents: all or nothing while an
 * agent is away; when an agent refuses part-way, the table says exactly what is left. Real job
 * caches and processes.
 */
class ParentRemoveTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    final AtomicBoolean a2Refuses = new AtomicBoolean();
    JobManager manager;
    TestCaller caller;

    @BeforeEach
    void start() throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1", "a2");
        InterceptedAgents directory = new InterceptedAgents(agents, (real, method, args) -> {
            if (method.getName().equals("remove")
                    && a2Refuses.get()
                    && ((InProcessAgents.Connection) real).node().equals("a2")) {
                throw new JobCacheException(JobCacheException.Kind.STORAGE, "cannot delete the job's files: read-only");
            }
            return InterceptedAgents.proceed(real, method, args);
        });
        manager = JobManager.open(tmp.resolve("controller"), directory, Limits.defaults());
        caller = new TestCaller("build#1", tmp.resolve("ws"));
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agents.close();
    }

    private JobRecord parentOnBoth() throws InterruptedException {
        StartSpec spec =
                new StartSpec(null, List.of("a1", "a2"), null, "sleep 300", "sh", "both", true, null, List.of(), 0, 32);
        return manager.starter().start(spec, caller);
    }

    private Path dirOf(JobRecord child) {
        return tmp.resolve("agents").resolve(child.node()).resolve(child.instanceId());
    }

    @Test
    void withOneAgentAwayNothingIsRemovedAnywhere() throws Exception {
        JobRecord parent = parentOnBoth();
        List<JobRecord> children = manager.children(parent);
        JobRecord onA1 =
                children.stream().filter(c -> c.node().equals("a1")).findFirst().orElseThrow();
        agents.disconnect("a2");

        assertThatThrownBy(() -> manager.control().remove(parent, true))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("agent a2 is unreachable")
                .hasMessageContaining("nothing was removed");

        assertThat(manager.table().get(parent.id())).isPresent();
        assertThat(manager.table().get(onA1.id())).isPresent();
        assertThat(dirOf(onA1))
                .as("the child on the reachable agent, untouched")
                .isDirectory();
        assertThat(manager.info(onA1.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        agents.reconnect("a2");
        manager.control().remove(manager.table().get(parent.id()).orElseThrow(), true);
        assertThat(manager.table().all()).isEmpty();
        children.forEach(c -> assertThat(dirOf(c)).doesNotExist());
    }

    @Test
    void anAgentThatRefusesPartWayLeavesExactlyWhatItHoldsInTheTable() throws Exception {
        JobRecord parent = parentOnBoth();
        List<JobRecord> children = manager.children(parent);
        a2Refuses.set(true);

        assertThatThrownBy(() -> manager.control().remove(parent, true))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("agent a2 refused to remove job")
                .hasMessageContaining("cannot delete");

        for (JobRecord child : children) {
            boolean onAgent = java.nio.file.Files.isDirectory(dirOf(child));
            assertThat(manager.table().get(child.id()).isPresent())
                    .as("job %d is in the table exactly while its agent holds it (%s)", child.id(), child.node())
                    .isEqualTo(onAgent);
        }
        assertThat(manager.table().get(parent.id())).isPresent();
        a2Refuses.set(false);
        manager.control().remove(manager.table().get(parent.id()).orElseThrow(), true);
        assertThat(manager.table().all()).isEmpty();
    }
}
