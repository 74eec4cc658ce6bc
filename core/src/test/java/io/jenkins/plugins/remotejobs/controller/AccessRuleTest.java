package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every step: a caller that may reach a job but not control it reads it ({@code
 * getJob}, {@code waitJob}, {@code receiveJob keep: true}) and is refused, with the job, its owner
 * and the permission named, when it would consume its output, stop it or remove it; the job is
 * untouched afterwards. Listing an agent's unknown jobs needs a right of its own.
 */
class AccessRuleTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;
    JobSteps steps;
    TestCaller owner;
    TestCaller reader;

    @BeforeEach
    void start() throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1");
        manager = JobManager.open(tmp.resolve("controller"), agents, Limits.defaults());
        steps = new JobSteps(manager);
        owner = new TestCaller("build#1", tmp.resolve("ws"));
        reader = new TestCaller("build#2", tmp.resolve("ws2"));
        reader.control = false;
        reader.listAgents = false;
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agents.close();
    }

    @Test
    void aCallerThatMayOnlyReadReadsAndIsRefusedEveryChange() throws Exception {
        JobRecord job =
                steps.remoteJob(Map.of("node", "a1", "script", "echo kept", "keepOnAgent", true, "name", "k"), owner);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(job.id()).orElseThrow().state() == JobState.COMPLETED);
        Map<String, Object> byId = Map.of("id", job.id());

        assertThat(steps.waitJob(Map.of("jobs", java.util.List.of(job.id())), reader))
                .hasSize(1);
        assertThat(steps.receiveJob(Map.of("id", job.id(), "keep", true, "quiet", true), reader))
                .isEqualTo("kept\n");
        assertThatThrownBy(() -> steps.receiveJob(Map.of("id", job.id(), "quiet", true), reader))
                .isInstanceOf(JobException.class)
                .hasMessage("receiveJob: job " + job.id() + " ('k') belongs to test: this build may read it but not"
                        + " consume its output (keep: true reads without consuming); that needs permission to cancel"
                        + " test's builds (Job/Cancel)");
        assertThatThrownBy(() -> steps.stopJob(byId, reader)).hasMessageContaining("stopJob: job " + job.id());
        assertThatThrownBy(() -> steps.removeJob(byId, reader)).hasMessageContaining("but not remove it");

        assertThat(manager.info(job.id()).orElseThrow().hasMoreData())
                .as("nothing consumed")
                .isTrue();
        assertThat(steps.receiveJob(Map.of("id", job.id(), "quiet", true), owner))
                .isEqualTo("kept\n");
        steps.removeJob(byId, owner);
        assertThat(manager.table().get(job.id())).isEmpty();
    }

    @Test
    void anAgentsUnknownJobsAreListedOnlyForCallersAllowedToSeeThem() {
        steps.getJob(Map.of("node", "a1"), reader);
        assertThat(reader.log.toString()).contains("listed only for callers allowed to see that agent's jobs");
        steps.getJob(Map.of("node", "a1"), owner);
        assertThat(owner.log.toString()).doesNotContain("listed only");
    }
}
