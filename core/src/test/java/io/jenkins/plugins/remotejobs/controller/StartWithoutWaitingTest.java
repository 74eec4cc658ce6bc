package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start that returns once its job is recorded and its launch is on its way (issue 17), without
 * waiting for the agent's answer: what a Jenkins {@code remoteJob} does when its agent is
 * connected. The job runs exactly once, a launch that fails afterwards fails the next {@code
 * waitJob} and {@code receiveJob} of it, and where waiting is needed nothing is started this way.
 * Agents are real job caches with real processes; launches can be held on their way.
 */
class StartWithoutWaitingTest {

    /** Launches wait here before they reach their agent, while it is closed. */
    volatile CountDownLatch launchGate = new CountDownLatch(0);

    final AtomicInteger launches = new AtomicInteger();
    final AtomicInteger otherCalls = new AtomicInteger();

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1", "a2")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (method.getName().equals("launch")) {
                    launchGate.await();
                    launches.incrementAndGet();
                } else {
                    otherCalls.incrementAndGet();
                }
                return InterceptedAgents.proceed(real, method, args);
            }))
            .openedByTheTest();

    void open(Duration grace) throws IOException {
        controller.open(Limits.defaults().withReconnectGrace(grace));
    }

    @AfterEach
    void letLaunchesGo() {
        launchGate.countDown(); // before the manager closes: it waits for the launches on their way
    }

    @Test
    void returnsNotStartedBeforeTheAgentAnswersAndTheJobThenRunsOnce() throws Exception {
        open(Duration.ofSeconds(1));
        Path marks = controller.scratch().resolve("marks");
        Path gate = controller.scratch().resolve("gate");
        // A job that keeps a1's monitor asking the agent meanwhile.
        JobRecord watched = controller
                .manager()
                .starter()
                .start(on("a1", "while [ ! -e '" + gate + "' ]; do sleep 0.02; done"), controller.caller());
        launchGate = new CountDownLatch(1);

        JobRecord job = controller
                .manager()
                .starter()
                .startWithoutWaiting(
                        on("a1", "echo ran >> '" + marks + "'; echo hi"), controller.caller(), newId(), true)
                .orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.NOT_STARTED);
        assertThat(controller.manager().table().get(job.id())).isPresent();
        // The node's monitor asks the agent meanwhile, past the grace, and the agent has no such
        // job yet: a launch on its way is not taken for one that never arrived.
        long monitorCalls = otherCalls.get();
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        System.currentTimeMillis() - job.createdAt() > 1_500 && otherCalls.get() > monitorCalls + 2);
        assertThat(controller.manager().info(job.id()).orElseThrow().state()).isEqualTo(JobState.NOT_STARTED);

        launchGate.countDown();
        List<JobRecord> ended =
                new JobSteps(controller.manager()).waitJob(Map.of("jobs", List.of(job.id())), controller.caller());

        assertThat(ended).extracting(JobRecord::id).containsExactly(job.id());
        assertThat(controller.manager().info(job.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(receive(job)).isEqualTo("hi\n");
        assertThat(Files.readString(marks)).isEqualTo("ran\n");
        assertThat(launches.get()).isEqualTo(2);
        Files.createFile(gate);
        awaitState(watched.id(), JobState.COMPLETED);
    }

    private void awaitState(long id, JobState state) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(id).orElseThrow().state() == state);
    }

    @Test
    void aReceiveOfAKeptJobWhoseLaunchIsOnItsWayWaitsForTheLaunchAndGetsEverything() throws Exception {
        open(Duration.ofMinutes(5));
        warmUp("a1");
        launchGate = new CountDownLatch(1);
        JobRecord job = controller
                .manager()
                .starter()
                .startWithoutWaiting(
                        new StartSpec("a1", null, null, "echo kept", "sh", null, true, null, List.of(), 0, 32),
                        controller.caller(),
                        newId(),
                        true)
                .orElseThrow();

        CompletableFuture<Object> received = new JobSteps(controller.manager())
                .receiveJobAsync(Map.of("id", job.id(), "wait", true), controller.caller());
        assertThat(received).as("the agent has no such job yet").isNotDone();
        launchGate.countDown();

        assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo("kept\n");
    }

    @Test
    void startsEveryChildOfSeveralNodesWithinTheThrottle() throws Exception {
        open(Duration.ofMinutes(5));
        warmUp("a1", "a2");

        JobRecord parent = controller
                .manager()
                .starter()
                .startWithoutWaiting(
                        new StartSpec(
                                null, List.of("a1", "a2"), null, "echo hi", "sh", null, false, null, List.of(), 0, 2),
                        controller.caller(),
                        newId(),
                        true)
                .orElseThrow();

        assertThat(parent.childIds()).hasSize(2);
        new JobSteps(controller.manager()).waitJob(Map.of("jobs", List.of(parent.id())), controller.caller());
        assertThat(controller.manager().info(parent.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(receive(parent))
                .isEqualTo("--- a1 (job " + parent.childIds().get(0) + ") ---\nhi\n--- a2 (job "
                        + parent.childIds().get(1) + ") ---\nhi\n");
    }

    @Test
    void startsNothingWhenItWouldHaveToWait() throws Exception {
        open(Duration.ofMinutes(5));
        StartSpec twoAtATimeOne =
                new StartSpec(null, List.of("a1", "a2"), null, "true", "sh", null, false, null, List.of(), 0, 1);
        assertThat(controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(on("a1", "true"), controller.caller(), newId(), true))
                .as("the first launch on an agent's connection")
                .isEmpty();
        warmUp("a1", "a2");
        controller.agents().disconnect("a2");

        assertThat(controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(on("a2", "true"), controller.caller(), newId(), true))
                .as("an agent that is not connected")
                .isEmpty();
        controller.agents().reconnect("a2");
        assertThat(controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(on("a2", "true"), controller.caller(), newId(), true))
                .as("the first launch after the agent connected again")
                .isEmpty();
        warmUp("a2");
        assertThat(controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(twoAtATimeOne, controller.caller(), newId(), true))
                .as("more nodes than the throttle starts at once")
                .isEmpty();
        String recorded = newId();
        controller.manager().starter().start(on("a1", "true"), controller.caller(), recorded);
        assertThat(controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(on("a1", "true"), controller.caller(), recorded, true))
                .as("an instance id recorded already (a resumed step)")
                .isEmpty();

        assertThat(controller.manager().table().all())
                .as("the warm-ups and the start under the recorded id")
                .hasSize(4);
        assertThatThrownBy(() -> controller
                        .manager()
                        .starter()
                        .startWithoutWaiting(on("nowhere", "true"), controller.caller(), newId(), true))
                .as("a user mistake is the step's failure either way")
                .isInstanceOf(JobException.class)
                .hasMessageContaining("unknown node 'nowhere'");
    }

    @Test
    void aLabelStartThatHasToWaitSaysWhichAgentsItLeavesOutOnce() throws Exception {
        open(Duration.ofMinutes(5));
        controller.agents().disconnect("a2");
        StartSpec onAll = new StartSpec(null, null, "all", "true", "sh", null, false, null, List.of(), 0, 32);
        String instanceId = newId();

        assertThat(controller.manager().starter().startWithoutWaiting(onAll, controller.caller(), instanceId, true))
                .as("a1 has not answered a launch on this connection yet")
                .isEmpty();
        controller.manager().starter().start(onAll, controller.caller(), instanceId);

        assertThat(controller.caller().log.toString().split("not starting on a2", -1))
                .hasSize(2);
    }

    @Test
    void aLaunchThatFailsAfterTheStepReturnedFailsTheNextWaitAndReceiveOfIt() throws Exception {
        open(Duration.ofMinutes(5));
        warmUp("a1");
        controller.caller().environments.put("a1", null); // the channel closes while the environment is read

        JobRecord job = controller
                .manager()
                .starter()
                .startWithoutWaiting(on("a1", "echo never"), controller.caller(), newId(), true)
                .orElseThrow();
        JobSteps steps = new JobSteps(controller.manager());

        String why = "job " + job.id() + " ('" + job.name() + "') could not be started: never launched: cannot read"
                + " the environment of node a1: channel closed while reading the environment";
        assertThatThrownBy(() -> steps.waitJob(Map.of("jobs", List.of(job.id())), controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessage("waitJob: " + why);
        assertThatThrownBy(() -> steps.receiveJob(Map.of("id", job.id()), controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessage("receiveJob: " + why);
        assertThat(launches.get()).as("the warm-up's alone").isEqualTo(1);
    }

    @Test
    void aLaunchCutShortByARestartEndsFailedNeverLaunchedOnceTheAgentSaysItHasNoSuchJob() throws Exception {
        open(Duration.ofSeconds(1));
        warmUp("a1");
        launchGate = new CountDownLatch(1);
        JobRecord job = controller
                .manager()
                .starter()
                .startWithoutWaiting(on("a1", "echo never"), controller.caller(), newId(), true)
                .orElseThrow();

        controller
                .manager()
                .close(); // the controller stops before the launch left it: after waiting for it, it interrupts it
        controller.open(Limits.defaults().withReconnectGrace(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> new JobSteps(controller.manager())
                        .waitJob(Map.of("jobs", List.of(job.id())), controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("could not be started: never launched: agent a1 has no record of it");
        assertThat(launches.get()).as("the warm-up's alone").isEqualTo(1);
        assertThat(controller.agents().cache("a1").list())
                .extracting(s -> s.instanceId())
                .doesNotContain(job.instanceId());
    }

    /** A launch answered on each node's connection: later ones need not be waited for. */
    private void warmUp(String... nodes) throws InterruptedException {
        for (String node : nodes) {
            controller.manager().starter().start(on(node, "true"), controller.caller());
        }
    }

    private static String newId() {
        return JobIds.newInstanceId();
    }

    private static StartSpec on(String node, String script) {
        return new StartSpec(node, null, null, script, "sh", null, false, null, List.of(), 0, 32);
    }

    private String receive(JobRecord job) throws InterruptedException {
        Object text = new JobSteps(controller.manager()).receiveJob(Map.of("id", job.id()), controller.caller());
        return (String) text;
    }
}
