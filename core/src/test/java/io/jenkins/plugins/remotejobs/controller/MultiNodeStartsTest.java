package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-node starts on real in-process job caches.
 *
 * <ul>
 *   <li>Their launches run on one bounded pool that the manager owns: a start reuses the threads
 *       an earlier one left idle instead of making a pool of its own, and closing the manager
 *       ends them.
 *   <li>A start replayed under its instance id after the controller lost every record of it (a
 *       power loss before the table reached the disk, or a step resumed from a state saved before
 *       the start): its children's instance ids are derived from the parent's, so the replay sends
 *       the same launches, the agents adopt the jobs they run already, and no child runs twice.
 * </ul>
 */
class MultiNodeStartsTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close();
        }
        agents.close();
    }

    @Test
    void startsShareTheManagersLaunchThreadsAndClosingEndsThem() throws Exception {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1", "a2", "a3", "a4");
        Set<Thread> launchers = ConcurrentHashMap.newKeySet();
        InterceptedAgents counted = new InterceptedAgents(agents, (real, method, args) -> {
            if (method.getName().equals("launch")) {
                launchers.add(Thread.currentThread());
            }
            return InterceptedAgents.proceed(real, method, args);
        });
        manager = JobManager.open(tmp.resolve("controller"), counted, Limits.defaults());
        TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
        StartSpec fanOut = new StartSpec(
                null, List.of("a1", "a2", "a3", "a4"), null, "true", "sh", "fan", false, null, List.of(), 0, 2);

        manager.starter().start(fanOut, caller);
        Set<Thread> first = Set.copyOf(launchers);
        assertThat(first).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(first).allSatisfy(t -> assertThat(t.getName()).isEqualTo("remote-jobs-launch"));

        for (int start = 0; start < 3; start++) {
            // Idle: parked, waiting for the next launch (the pool's threads outlive a start).
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            first.stream().allMatch(t -> t.isAlive() && t.getState() == Thread.State.TIMED_WAITING));
            manager.starter().start(fanOut, caller);
        }
        assertThat(launchers).as("threads that launched, over four starts").isEqualTo(first);

        manager.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.stream().noneMatch(Thread::isAlive));
        manager = null;
    }

    @Test
    void aStartReplayedOnAControllerThatLostItsRecordsLaunchesNoChildTwice() throws Exception {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1", "a2");
        Path marks = tmp.resolve("marks");
        Files.createDirectories(marks);
        StartSpec spec = new StartSpec(
                null,
                List.of("a1", "a2"),
                null,
                "echo ran >> '" + marks + "/all'",
                "sh",
                "fan",
                false,
                null,
                List.of(),
                0,
                32);
        String instanceId = JobIds.newInstanceId();

        manager = JobManager.open(tmp.resolve("controller-1"), agents, Limits.defaults());
        TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
        JobRecord first = manager.starter().start(spec, caller, instanceId);
        List<String> children = first.childIds().stream()
                .map(id -> manager.table().get(id).orElseThrow().instanceId())
                .toList();
        assertThat(children).hasSize(2).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(marks.resolve("all")) == 2);
        manager.close();

        // Every record is gone: a new controller home, the same agents, the same start again.
        manager = JobManager.open(tmp.resolve("controller-2"), agents, Limits.defaults());
        JobRecord again = manager.starter().start(spec, new TestCaller("build#1", tmp.resolve("ws")), instanceId);
        List<String> replayed = again.childIds().stream()
                .map(id -> manager.table().get(id).orElseThrow().instanceId())
                .toList();

        assertThat(replayed).as("the children's instance ids").isEqualTo(children);
        for (long id : again.childIds()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> manager.info(id).orElseThrow().state().isFinished());
            assertThat(manager.info(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        }
        assertThat(lines(marks.resolve("all")))
                .as("runs of the children, over both starts")
                .isEqualTo(2);
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
