package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One rule for every step: a caller that may reach a job but not control it reads it ({@code
 * getJob}, {@code waitJob}, {@code receiveJob keep: true}) and is refused, with the job, its owner
 * and the permission named, when it would consume its output, stop it or remove it; the job is
 * untouched afterwards. Listing an agent's unknown jobs needs a right of its own.
 */
class AccessRuleTest {

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1");

    TestCaller reader;

    @BeforeEach
    void reader() {
        reader = new TestCaller("build#2", controller.scratch().resolve("ws2"));
        reader.control = false;
        reader.listAgents = false;
    }

    @Test
    void aCallerThatMayOnlyReadReadsAndIsRefusedEveryChange() throws Exception {
        JobRecord job = controller
                .steps()
                .remoteJob(
                        Map.of("node", "a1", "script", "echo kept", "keepOnAgent", true, "name", "k"),
                        controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(job.id()).orElseThrow().state() == JobState.COMPLETED);
        Map<String, Object> byId = Map.of("id", job.id());

        assertThat(controller.steps().waitJob(Map.of("jobs", java.util.List.of(job.id())), reader))
                .hasSize(1);
        assertThat(controller.steps().receiveJob(Map.of("id", job.id(), "keep", true, "quiet", true), reader))
                .isEqualTo("kept\n");
        assertThatThrownBy(() -> controller.steps().receiveJob(Map.of("id", job.id(), "quiet", true), reader))
                .isInstanceOf(JobException.class)
                .hasMessage("receiveJob: job " + job.id() + " ('k') belongs to test: this build may read it but not"
                        + " consume its output (keep: true reads without consuming); that needs permission to cancel"
                        + " test's builds (Job/Cancel)");
        assertThatThrownBy(() -> controller.steps().stopJob(byId, reader))
                .hasMessageContaining("stopJob: job " + job.id());
        assertThatThrownBy(() -> controller.steps().removeJob(byId, reader)).hasMessageContaining("but not remove it");

        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .as("nothing consumed")
                .isTrue();
        assertThat(controller.steps().receiveJob(Map.of("id", job.id(), "quiet", true), controller.caller()))
                .isEqualTo("kept\n");
        controller.steps().removeJob(byId, controller.caller());
        assertThat(controller.manager().table().get(job.id())).isEmpty();
    }

    @Test
    void anAgentsUnknownJobsAreListedOnlyForCallersAllowedToSeeThem() {
        controller.steps().getJob(Map.of("node", "a1"), reader);
        assertThat(reader.log.toString()).contains("listed only for callers allowed to see that agent's jobs");
        controller.steps().getJob(Map.of("node", "a1"), controller.caller());
        assertThat(controller.caller().log.toString()).doesNotContain("listed only");
    }
}
