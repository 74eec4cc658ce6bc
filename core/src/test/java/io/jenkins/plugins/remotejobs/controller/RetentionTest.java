package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention: finished jobs whose output was all received go after {@code retention}; jobs with
 * output nobody received stay longer ({@code unreceivedRetention}, 30 days by default), so that
 * abandoned output cannot fill the spool's quota for ever, and for ever when it is zero.
 */
class RetentionTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;
    TestCaller caller;

    void open(Limits limits) throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1");
        manager = JobManager.open(tmp.resolve("controller"), agents, limits);
        caller = new TestCaller("build#1", tmp.resolve("ws"));
    }

    @AfterEach
    void close() throws IOException {
        manager.close();
        agents.close();
    }

    /** A finished job with output, that ended {@code daysAgo} days ago; received if asked. */
    private long ended(long daysAgo, boolean received) throws Exception {
        JobRecord job = manager.starter().start(JobManagerTest.on("a1", "echo out", false), caller);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(job.id()).orElseThrow().state() == JobState.COMPLETED);
        if (received) {
            manager.receiver().receive(job, ReceiveSpec.defaults(), caller);
        }
        long endedAt = System.currentTimeMillis() - Duration.ofDays(daysAgo).toMillis();
        manager.table().update(job.id(), r -> r.with(b -> b.endedAt = endedAt), true);
        return job.id();
    }

    @Test
    void receivedJobsGoAfterTheRetentionAndUnreceivedOnesAfterTheirOwn() throws Exception {
        open(Limits.defaults());
        assertThat(Limits.defaults().unreceivedRetention()).isEqualTo(Duration.ofDays(30));
        long receivedOld = ended(8, true);
        long receivedNew = ended(6, true);
        long unreceivedOld = ended(31, false);
        long unreceivedNew = ended(8, false);

        manager.control().applyRetention();

        assertThat(manager.table().get(receivedOld))
                .as("received, ended 8 days ago")
                .isEmpty();
        assertThat(manager.table().get(receivedNew))
                .as("received, ended 6 days ago")
                .isPresent();
        assertThat(manager.table().get(unreceivedOld))
                .as("unreceived, ended 31 days ago")
                .isEmpty();
        assertThat(manager.table().get(unreceivedNew))
                .as("unreceived, ended 8 days ago")
                .isPresent();
    }

    @Test
    void unreceivedOutputStaysForEverWhenItsRetentionIsZero() throws Exception {
        open(Limits.defaults().withRetention(Duration.ofDays(7), Duration.ZERO));
        long unreceived = ended(400, false);

        manager.control().applyRetention();

        assertThat(manager.table().get(unreceived)).isPresent();
    }
}
