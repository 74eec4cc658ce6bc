package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand waits in progress at once — {@code waitJob} and {@code receiveJob wait: true} on a
 * controller-mode and a kept job — hold no thread each: the JVM's thread count stays where it was
 * (give or take a few), every wait ends with the right result once the jobs end, and a cancelled
 * wait is gone at once while the others go on.
 */
class WaitsWithoutThreadsTest {

    private static final int WAITS = 1000;

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;
    JobSteps steps;
    TestCaller caller;

    @BeforeEach
    void start() throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1");
        manager = JobManager.open(tmp.resolve("controller"), agents, Limits.defaults());
        steps = new JobSteps(manager);
        caller = new TestCaller("build#1", tmp.resolve("ws"));
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agents.close();
    }

    @Test
    void aThousandWaitsCostNoThreadEachAndAllEndRight() throws Exception {
        Path gate = tmp.resolve("gate");
        String script = "echo before; while [ ! -e '" + gate + "' ]; do sleep 0.05; done; echo after";
        JobRecord collected = steps.remoteJob(Map.of("node", "a1", "script", script), caller);
        JobRecord kept = steps.remoteJob(Map.of("node", "a1", "script", script, "keepOnAgent", true), caller);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> manager.info(kept.id()).orElseThrow().state() == JobState.RUNNING);
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<Object>> waits = new ArrayList<>();
        for (int i = 0; i < WAITS / 2; i++) {
            waits.add(steps.byName().callAsync("waitJob", Map.of("jobs", List.of(collected.id(), kept.id())), caller));
            waits.add(steps.byName()
                    .callAsync(
                            "receiveJob", Map.of("id", kept.id(), "wait", true, "keep", true, "quiet", true), caller));
        }
        CompletableFuture<Object> cancelled =
                steps.byName().callAsync("waitJob", Map.of("jobs", List.of(collected.id())), caller);
        assertThat(manager.waits().size()).isEqualTo(WAITS + 1);
        cancelled.cancel(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.waits().size() == WAITS);

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
        assertThat(manager.waits().size()).isZero();
        assertThat(threadsWaiting - threadsBefore)
                .as("threads added while %d waits were in progress", WAITS)
                .isLessThanOrEqualTo(8);
        assertThat(manager.info(kept.id()).orElseThrow().hasMoreData())
                .as("keep: true consumed nothing")
                .isTrue();
    }

    @Test
    void closingTheManagerEndsPendingWaitsAsClosedNotAsFailedJobs() throws Exception {
        Path gate = tmp.resolve("gate-close");
        JobRecord job = steps.remoteJob(
                Map.of("node", "a1", "script", "while [ ! -e '" + gate + "' ]; do sleep 0.05; done"), caller);
        CompletableFuture<Object> wait = steps.byName().callAsync("waitJob", Map.of("jobs", List.of(job.id())), caller);
        CompletableFuture<Object> receive =
                steps.byName().callAsync("receiveJob", Map.of("id", job.id(), "wait", true, "quiet", true), caller);
        assertThat(manager.waitsInProgress()).isEqualTo(2);
        manager.close();
        Files.createFile(gate);
        // The job goes on without the manager; let it end before its directory is cleaned up.
        Path exit = tmp.resolve("agents/a1").resolve(job.instanceId()).resolve("exit");
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
