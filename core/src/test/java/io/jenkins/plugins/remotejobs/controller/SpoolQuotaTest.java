package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller's spool has a quota for all jobs together. At the quota, collection pauses with
 * the reason on the job and the pause visible to the host; the output waits on the agent, and when
 * a removed job frees room collection resumes where it stopped: nothing lost, nothing doubled.
 */
class SpoolQuotaTest {

    private static final int KIB = 1024;

    @RegisterExtension
    final InProcessController controller =
            InProcessController.onNodes("a1").limits(Limits.defaults().withSpoolQuota(128 * KIB));

    /** 100 KiB: 1,600 lines of 64 bytes, each naming its job and number. */
    private static String script(String tag) {
        return "i=0; while [ $i -lt 1600 ]; do printf '%s-%05d-%048d\\n' " + tag + " $i 0; i=$((i+1)); done";
    }

    private static String expected(String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1600; i++) {
            b.append(String.format("%s-%05d-%048d%n", tag, i, 0));
        }
        return b.toString();
    }

    @Test
    void atTheQuotaCollectionPausesAndResumesWhenARemovedJobFreesRoom() throws Exception {
        JobRecord first = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", script("aaaaaaaa"), false), controller.caller());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(first.id()).orElseThrow().state() == JobState.COMPLETED);
        assertThat(controller.manager().spoolUsage().usedBytes()).isEqualTo(100 * KIB);

        JobRecord second = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", script("bbbbbbbb"), false), controller.caller());
        JobInfo paused = await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(second.id()).orElseThrow(), i -> i.reason() != null);
        assertThat(controller.manager().spoolUsage().atQuota()).isTrue();
        assertThat(paused.state()).isEqualTo(JobState.RUNNING);
        assertThat(paused.reason())
                .contains("collection paused: the controller's spool holds 128 KiB of its quota of 128 KiB")
                .contains("collection resumes when removing received jobs frees room");
        assertThat(controller.manager().spoolUsage().usedBytes()).isEqualTo(128 * KIB);

        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(first, ReceiveSpec.defaults(), controller.caller())
                        .text())
                .isEqualTo(expected("aaaaaaaa"));
        controller
                .manager()
                .control()
                .remove(controller.manager().table().get(first.id()).orElseThrow(), false);

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        controller.manager().info(second.id()).orElseThrow().state() == JobState.COMPLETED);
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(second, ReceiveSpec.defaults(), controller.caller())
                        .text())
                .as("the output that waited on the agent, whole and once")
                .isEqualTo(expected("bbbbbbbb"));
        assertThat(controller.manager().spoolUsage()).isEqualTo(new JobManager.SpoolUsage(100 * KIB, 128 * KIB, false));
        assertThat(controller.manager().info(second.id()).orElseThrow().reason())
                .isNull();
    }
}
