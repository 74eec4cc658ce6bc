package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-node start replayed under its instance id after the controller lost every record of it
 * (a power loss before the table reached the disk, or a step resumed from a state saved before the
 * start): its children's instance ids are derived from the parent's, so the replay sends the same
 * launches, the agents adopt the jobs they run already, and no child runs twice.
 */
class ReplayedStartTest {

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;

    @AfterEach
    void close() throws Exception {
        manager.close();
        agents.close();
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
