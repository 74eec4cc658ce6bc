package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thousand waits in progress at once — {@code waitJob} and {@code receiveJob wait: true} on a
 * controller-mode and a kept job — hold no thread each: the JVM's thread count stays where it was
 * (give or take a few), every wait ends with the right result once the jobs end, and a cancelled
 * wait is gone at once while the others go on.
 */
class WaitsWithoutThreadsTest {

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1");

    private static final int WAITS = 1000;

    @Test
    void aThousandWaitsCostNoThreadEachAndAllEndRight() throws Exception {
        Path gate = controller.scratch().resolve("gate");
        String script = "echo before; while [ ! -e '" + gate + "' ]; do sleep 0.05; done; echo after";
        JobRecord collected = controller.steps().remoteJob(Map.of("node", "a1", "script", script), controller.caller());
        JobRecord kept = controller
                .steps()
                .remoteJob(Map.of("node", "a1", "script", script, "keepOnAgent", true), controller.caller());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(kept.id()).orElseThrow().state() == JobState.RUNNING);
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<Object>> waits = new ArrayList<>();
        for (int i = 0; i < WAITS / 2; i++) {
            waits.add(controller
                    .steps()
                    .byName()
                    .callAsync("waitJob", Map.of("jobs", List.of(collected.id(), kept.id())), controller.caller()));
            waits.add(controller
                    .steps()
                    .byName()
                    .callAsync(
                            "receiveJob",
                            Map.of("id", kept.id(), "wait", true, "keep", true, "quiet", true),
                            controller.caller()));
        }
        CompletableFuture<Object> cancelled = controller
                .steps()
                .byName()
                .callAsync("waitJob", Map.of("jobs", List.of(collected.id())), controller.caller());
        assertThat(controller.manager().waits().size()).isEqualTo(WAITS + 1);
        cancelled.cancel(true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().waits().size() == WAITS);

        int threadsWaiting = Thread.activeCount();
        assertThat(waits).noneMatch(CompletableFuture::isDone);
        Files.createFile(gate);

        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (int i = 0; i < waits.size(); i += 2) {
            assertThat(waits.get(i).get())
                    .asList()
                    .extracting(r -> ((JobRecord) r).id())
                    .containsExactly(collected.id(), kept.id());
            assertThat(waits.get(i + 1).get()).isEqualTo("before\nafter\n");
        }
        assertThat(cancelled).isCancelled();
        assertThat(controller.manager().waits().size()).isZero();
        assertThat(threadsWaiting - threadsBefore)
                .as("threads added while %d waits were in progress", WAITS)
                .isLessThanOrEqualTo(8);
        assertThat(controller.manager().info(kept.id()).orElseThrow().hasMoreData())
                .as("keep: true consumed nothing")
                .isTrue();
    }

    @Test
    void closingTheManagerEndsPendingWaitsAsClosedNotAsFailedJobs() throws Exception {
        Path gate = controller.scratch().resolve("gate-close");
        JobRecord job = controller
                .steps()
                .remoteJob(
                        Map.of("node", "a1", "script", "while [ ! -e '" + gate + "' ]; do sleep 0.05; done"),
                        controller.caller());
        CompletableFuture<Object> wait = controller
                .steps()
                .byName()
                .callAsync("waitJob", Map.of("jobs", List.of(job.id())), controller.caller());
        CompletableFuture<Object> receive = controller
                .steps()
                .byName()
                .callAsync("receiveJob", Map.of("id", job.id(), "wait", true, "quiet", true), controller.caller());
        assertThat(controller.manager().waitsInProgress()).isEqualTo(2);
        controller.manager().close();
        Files.createFile(gate);
        // The job goes on without the manager; let it end before its directory is cleaned up.
        Path exit = controller
                .scratch()
                .resolve("agents/a1")
                .resolve(job.instanceId())
                .resolve("exit");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(exit));
        long wrapper = Long.parseLong(
                io.jenkins.plugins.remotejobs.util.AtomicFiles.readProperties(exit.resolveSibling("process.properties"))
                        .getProperty("pid"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(wrapper).map(h -> !h.isAlive()).orElse(true) || isZombie(wrapper));
        for (CompletableFuture<Object> f : List.of(wait, receive)) {
            assertThat(f).failsWithin(Duration.ofSeconds(30));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(f::join))
                    .hasRootCauseInstanceOf(JobManagerClosedException.class);
        }
    }

    private static boolean isZombie(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return true;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) == 'Z';
    }
}
