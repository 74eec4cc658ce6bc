package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.collection.MonitorPool;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More nodes with jobs than the monitors' pool has threads: the rounds stop waiting on their
 * agents (a node would otherwise queue behind others' long polls), yet every job's output is
 * collected whole and every job ends Completed, and the monitors never take more than the pool's
 * threads however many nodes there are.
 */
class MonitorPoolTest {

    private static final int NODES = MonitorPool.THREADS + 8;

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes(
            IntStream.rangeClosed(1, NODES).mapToObj(i -> "n" + i).toArray(String[]::new));

    @Test
    void moreNodesThanThreadsAllCollectedWithABoundedPool() throws Exception {
        Path gate = controller.scratch().resolve("gate");
        String script = "echo started $0; while [ ! -e '" + gate + "' ]; do sleep 0.05; done; seq 1 2000";
        List<JobRecord> jobs = new ArrayList<>();
        for (String node : controller.agents().nodes()) {
            jobs.add(controller.steps().remoteJob(Map.of("node", node, "script", script), controller.caller()));
        }
        // Every node has a job to watch now, more than the pool can give a thread each; every
        // node's first line is collected while its job runs.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jobs.stream()
                        .allMatch(j ->
                                controller.manager().info(j.id()).orElseThrow().hasMoreData()));
        assertThat(jobs)
                .allMatch(j -> controller.manager().info(j.id()).orElseThrow().state() == JobState.RUNNING);
        assertThat(monitorThreads()).isBetween(1L, (long) MonitorPool.THREADS);

        Files.createFile(gate);
        controller
                .steps()
                .waitJob(
                        Map.of("jobs", jobs.stream().map(JobRecord::id).toList(), "timeout", 120L),
                        controller.caller());

        StringBuilder expected = new StringBuilder();
        IntStream.rangeClosed(1, 2000).forEach(i -> expected.append(i).append('\n'));
        for (JobRecord job : jobs) {
            assertThat(controller.manager().info(job.id()).orElseThrow().state())
                    .isEqualTo(JobState.COMPLETED);
            String text =
                    (String) controller.steps().receiveJob(Map.of("id", job.id(), "quiet", true), controller.caller());
            assertThat(text).startsWith("started ").endsWith(expected.toString());
        }
        assertThat(monitorThreads()).isBetween(1L, (long) MonitorPool.THREADS);
    }

    private static long monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("remote-jobs-monitor-")
                        && !t.getName().equals("remote-jobs-monitor-timer"))
                .count();
    }
}
