package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention: finished jobs whose output was all received go after {@code retention}; jobs with
 * output nobody received stay longer ({@code unreceivedRetention}, 30 days by default), so that
 * abandoned output cannot fill the spool's quota for ever, and for ever when it is zero.
 */
class RetentionTest {

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1").openedByTheTest();

    /** A finished job with output, that ended {@code daysAgo} days ago; received if asked. */
    private long ended(long daysAgo, boolean received) throws Exception {
        JobRecord job =
                controller.manager().starter().start(JobManagerTest.on("a1", "echo out", false), controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(job.id()).orElseThrow().state() == JobState.COMPLETED);
        if (received) {
            controller.manager().receiver().receive(job, ReceiveSpec.defaults(), controller.caller());
        }
        long endedAt = System.currentTimeMillis() - Duration.ofDays(daysAgo).toMillis();
        controller.manager().table().update(job.id(), r -> r.with(b -> b.endedAt = endedAt), true);
        return job.id();
    }

    @Test
    void receivedJobsGoAfterTheRetentionAndUnreceivedOnesAfterTheirOwn() throws Exception {
        controller.open(Limits.defaults());
        assertThat(Limits.defaults().unreceivedRetention()).isEqualTo(Duration.ofDays(30));
        long receivedOld = ended(8, true);
        long receivedNew = ended(6, true);
        long unreceivedOld = ended(31, false);
        long unreceivedNew = ended(8, false);

        controller.manager().control().applyRetention();

        assertThat(controller.manager().table().get(receivedOld))
                .as("received, ended 8 days ago")
                .isEmpty();
        assertThat(controller.manager().table().get(receivedNew))
                .as("received, ended 6 days ago")
                .isPresent();
        assertThat(controller.manager().table().get(unreceivedOld))
                .as("unreceived, ended 31 days ago")
                .isEmpty();
        assertThat(controller.manager().table().get(unreceivedNew))
                .as("unreceived, ended 8 days ago")
                .isPresent();
    }

    @Test
    void unreceivedOutputStaysForEverWhenItsRetentionIsZero() throws Exception {
        controller.open(Limits.defaults().withRetention(Duration.ofDays(7), Duration.ZERO));
        long unreceived = ended(400, false);

        controller.manager().control().applyRetention();

        assertThat(controller.manager().table().get(unreceived)).isPresent();
    }
}
