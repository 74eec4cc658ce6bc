package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code removeJob} of a parent whose children are on several agents: all or nothing while an
 * agent is away; when an agent refuses part-way, the table says exactly what is left. Real job
 * caches and processes.
 */
class ParentRemoveTest {

    final AtomicBoolean a2Refuses = new AtomicBoolean();

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1", "a2")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (method.getName().equals("remove")
                        && a2Refuses.get()
                        && ((InProcessAgents.Connection) real).node().equals("a2")) {
                    throw new JobCacheException(
                            JobCacheException.Kind.STORAGE, "cannot delete the job's files: read-only");
                }
                return InterceptedAgents.proceed(real, method, args);
            }));

    private JobRecord parentOnBoth() throws InterruptedException {
        StartSpec spec =
                new StartSpec(null, List.of("a1", "a2"), null, "sleep 300", "sh", "both", true, null, List.of(), 0, 32);
        return controller.manager().starter().start(spec, controller.caller());
    }

    private Path dirOf(JobRecord child) {
        return controller.scratch().resolve("agents").resolve(child.node()).resolve(child.instanceId());
    }

    @Test
    void withOneAgentAwayNothingIsRemovedAnywhere() throws Exception {
        JobRecord parent = parentOnBoth();
        List<JobRecord> children = controller.manager().children(parent);
        JobRecord onA1 =
                children.stream().filter(c -> c.node().equals("a1")).findFirst().orElseThrow();
        controller.agents().disconnect("a2");

        assertThatThrownBy(() -> controller.manager().control().remove(parent, true))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("agent a2 is unreachable")
                .hasMessageContaining("nothing was removed");

        assertThat(controller.manager().table().get(parent.id())).isPresent();
        assertThat(controller.manager().table().get(onA1.id())).isPresent();
        assertThat(dirOf(onA1))
                .as("the child on the reachable agent, untouched")
                .isDirectory();
        assertThat(controller.manager().info(onA1.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        controller.agents().reconnect("a2");
        controller
                .manager()
                .control()
                .remove(controller.manager().table().get(parent.id()).orElseThrow(), true);
        assertThat(controller.manager().table().all()).isEmpty();
        children.forEach(c -> assertThat(dirOf(c)).doesNotExist());
    }

    @Test
    void anAgentThatRefusesPartWayLeavesExactlyWhatItHoldsInTheTable() throws Exception {
        JobRecord parent = parentOnBoth();
        List<JobRecord> children = controller.manager().children(parent);
        a2Refuses.set(true);

        assertThatThrownBy(() -> controller.manager().control().remove(parent, true))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("agent a2 refused to remove job")
                .hasMessageContaining("cannot delete");

        for (JobRecord child : children) {
            boolean onAgent = java.nio.file.Files.isDirectory(dirOf(child));
            assertThat(controller.manager().table().get(child.id()).isPresent())
                    .as("job %d is in the table exactly while its agent holds it (%s)", child.id(), child.node())
                    .isEqualTo(onAgent);
        }
        assertThat(controller.manager().table().get(parent.id())).isPresent();
        a2Refuses.set(false);
        controller
                .manager()
                .control()
                .remove(controller.manager().table().get(parent.id()).orElseThrow(), true);
        assertThat(controller.manager().table().all()).isEmpty();
    }
}
