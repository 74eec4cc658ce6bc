package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launches of multi-node starts run on one bounded pool that the manager owns: a start reuses
 * the threads an earlier one left idle instead of making a pool of its own, and closing the
 * manager ends them.
 */
class LaunchThreadsTest {

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
}
