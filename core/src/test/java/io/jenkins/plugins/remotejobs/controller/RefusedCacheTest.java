package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.util.CacheInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent that is connected but cannot open its job cache, because another process still holds
 * the cache's root (an agent process of an earlier connection that has not noticed it is gone):
 * its jobs read as {@code Disconnected} with the refusal, naming what holds the root, and are
 * served again, with nothing lost, once the root is free.
 */
class RefusedCacheTest {

    volatile boolean held;

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (held) {
                    throw new CacheInUseException("/agents/a1 is already in use by another process (pid 4242);"
                            + " only one may own it at a time (waited 60 s for it): most likely an agent process"
                            + " of an earlier connection that has not noticed yet that it is gone");
                }
                return InterceptedAgents.proceed(real, method, args);
            }));

    @Test
    void itsJobsAreDisconnectedNamingWhatHoldsTheRootAndServedAgainOnceItIsFree() throws Exception {
        Path go = controller.scratch().resolve("go");
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.gated("a1", "before", go, "after", false), controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        controller.manager().table().get(job.id()).orElseThrow().stdoutLength() >= 7);

        held = true;
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        controller.manager().table().get(job.id()).orElseThrow().state() == JobState.DISCONNECTED);
        assertThat(controller.manager().table().get(job.id()).orElseThrow().reason())
                .contains("another process (pid 4242)")
                .contains("an agent process of an earlier connection");
        Files.createFile(go);
        held = false;

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JobRecord r = controller.manager().table().get(job.id()).orElseThrow();
            return r.state() == JobState.COMPLETED && r.collected();
        });
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(
                                job,
                                io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec.defaults(),
                                controller.caller())
                        .text())
                .isEqualTo("before\nafter\n");
    }
}
