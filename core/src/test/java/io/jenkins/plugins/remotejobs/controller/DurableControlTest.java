package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Control is as durable as the jobs: waits ride out disconnections shorter than the reconnect
 * grace, starts wait for their agent, lost launch replies are reconciled with the agent, and a job
 * whose agent is away is never forgotten. Agents are real job caches with real processes; a
 * disconnection closes the cache, as an agent JVM that goes away leaves its jobs running.
 */
class DurableControlTest {

    LossyLaunches lossy;

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .between(agents -> lossy = new LossyLaunches(agents))
            .openedByTheTest();

    void open(Duration grace) throws IOException {
        controller.open(Limits.defaults().withReconnectGrace(grace));
    }

    @Test
    void aWaitRidesOutADisconnectionShorterThanTheGraceAndReceivesEverything() throws Exception {
        open(Duration.ofMinutes(5));
        Path gate = controller.scratch().resolve("gate");
        JobRecord job = controller
                .manager()
                .starter()
                .start(
                        on("seq 1 500; while [ ! -e '" + gate + "' ]; do sleep 0.02; done; seq 501 1000"),
                        controller.caller());
        CompletableFuture<JobState> waited = CompletableFuture.supplyAsync(() -> {
            try {
                controller
                        .manager()
                        .control()
                        .waitFor(
                                List.of(job),
                                false,
                                null,
                                false,
                                controller.caller().log());
                return controller.manager().info(job.id()).orElseThrow().state();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        controller.agents().disconnect("a1");
        awaitState(job.id(), JobState.DISCONNECTED);
        Files.createFile(gate); // the job goes on while its agent is away
        controller.agents().reconnect("a1");

        assertThat(waited.get(60, TimeUnit.SECONDS)).isEqualTo(JobState.COMPLETED);
        assertThat(receive(job)).isEqualTo(seq(1, 1000));
        assertThat(controller.caller().log.toString()).doesNotContain("Disconnected");
    }

    @Test
    void aWaitReturnsOnDisconnectedOnlyAfterTheGraceAndSaysSo() throws Exception {
        open(Duration.ofSeconds(1));
        JobRecord job = controller.manager().starter().start(on("sleep 30"), controller.caller());
        controller.agents().disconnect("a1");

        List<JobRecord> ended = controller
                .manager()
                .control()
                .waitFor(List.of(job), false, 60L, false, controller.caller().log());

        assertThat(ended).extracting(JobRecord::id).containsExactly(job.id());
        assertThat(controller.manager().info(job.id()).orElseThrow().state()).isEqualTo(JobState.DISCONNECTED);
        assertThat(controller.caller().log.toString()).contains("stayed away longer than the reconnect grace of 1 s");
        controller.agents().reconnect("a1");
        controller
                .manager()
                .control()
                .stop(controller.manager().table().get(job.id()).orElseThrow());
    }

    /** A start of {@code script} on a thread of its own, as a step's: it may wait for its agent. */
    private CompletableFuture<JobRecord> startInBackground(String script) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return controller.manager().starter().start(on(script), controller.caller());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aStartWaitsForItsAgentToConnect() throws Exception {
        open(Duration.ofMinutes(5));
        controller.agents().disconnect("a1");
        CompletableFuture<JobRecord> started = startInBackground("echo late start");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().table().size() == 1);
        assertThat(started).isNotDone();

        controller.agents().reconnect("a1");
        JobRecord job = started.get(60, TimeUnit.SECONDS);
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job)).isEqualTo("late start\n");
    }

    /**
     * The controller shuts down while a start waits for its agent (in Jenkins a restart, the step
     * to resume after it): the start ends as the host stops, and its job is not recorded as one
     * that never launched, so the resumed step launches it.
     */
    @Test
    void aStartWaitingForItsAgentWhenTheManagerClosesEndsAsClosedAndItsJobStaysToBeLaunched() throws Exception {
        open(Duration.ofMinutes(5));
        controller.agents().disconnect("a1");
        CompletableFuture<JobRecord> started = startInBackground("echo after the restart");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().table().size() == 1);

        controller.manager().close();

        assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS))
                .as("ends at once, so that the step resumed after the restart starts it")
                .hasCauseInstanceOf(JobManagerClosedException.class);
        open(Duration.ofMinutes(5));
        assertThat(controller.manager().table().all())
                .singleElement()
                .satisfies(r -> assertThat(r.state()).isNotEqualTo(JobState.FAILED));
    }

    @Test
    void aStartOnAnAgentThatNeverConnectsFailsTheStepAndRecordsWhy() throws Exception {
        open(Duration.ofSeconds(1));
        controller.agents().disconnect("a1");

        assertThatThrownBy(() -> controller.manager().starter().start(on("true"), controller.caller()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("could not be started: never launched: agent a1 did not connect within");
        JobRecord record = controller.manager().table().all().get(0);
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.reason()).startsWith("never launched");
    }

    @Test
    void aLaunchWhoseRepliesAreLostIsAdoptedAndRunsOnce() throws Exception {
        open(Duration.ofMinutes(5));
        lossy.loseReplies(2);
        Path marks = controller.scratch().resolve("marks");

        JobRecord job =
                controller.manager().starter().start(on("echo ran >> '" + marks + "'; echo done"), controller.caller());

        awaitState(job.id(), JobState.COMPLETED);
        assertThat(lossy.launches.get()).isEqualTo(3);
        assertThat(Files.readString(marks)).isEqualTo("ran\n");
        assertThat(receive(job)).isEqualTo("done\n");
    }

    @Test
    void anUnansweredLaunchIsAdoptedWhenTheAgentAnswersLater() throws Exception {
        open(Duration.ofSeconds(1));
        Path gate = controller.scratch().resolve("gate");
        lossy.loseReplies(Integer.MAX_VALUE);

        JobRecord job = controller
                .manager()
                .starter()
                .start(on("while [ ! -e '" + gate + "' ]; do sleep 0.02; done; echo adopted"), controller.caller());
        JobRecord unconfirmed = controller.manager().table().get(job.id()).orElseThrow();
        // Disconnected while nobody has heard from the agent; the node's monitor, whose calls are
        // answered, may have found the job running on the agent already.
        assertThat(unconfirmed.state()).isIn(JobState.DISCONNECTED, JobState.RUNNING);

        lossy.loseReplies(0);
        Files.createFile(gate);
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receive(job)).isEqualTo("adopted\n");
    }

    @Test
    void aLaunchThatNeverArrivedIsFailedNeverLaunchedOnceTheAgentSaysSo() throws Exception {
        open(Duration.ofSeconds(1));
        lossy.dropLaunches(true);

        JobRecord job = controller.manager().starter().start(on("echo never"), controller.caller());
        // Unconfirmed, or already Failed by the monitor, which asked the agent at once (the grace is over).
        assertThat(controller.manager().table().get(job.id()).orElseThrow().state())
                .isIn(JobState.DISCONNECTED, JobState.FAILED);

        lossy.dropLaunches(false);
        JobInfo info = awaitState(job.id(), JobState.FAILED);
        assertThat(info.reason()).isEqualTo("never launched: agent a1 has no record of it");
    }

    @Test
    void aStartResumedAfterAControllerRestartWithTheSameInstanceIdLaunchesExactlyOnce() throws Exception {
        open(Duration.ofSeconds(2));
        Path marks = controller.scratch().resolve("marks");
        StartSpec spec = on("echo ran >> '" + marks + "'; echo resumed");
        String instanceId = io.jenkins.plugins.remotejobs.protocol.JobIds.newInstanceId();
        lossy.loseReplies(Integer.MAX_VALUE); // it starts, but the controller never hears of it

        JobRecord first = controller.manager().starter().start(spec, controller.caller(), instanceId);
        // Only the launch's replies are lost: the node's monitor may have seen the job meanwhile
        // (launched or not is a race), but the start itself never heard back.
        assertThat(controller.manager().table().get(first.id())).isPresent();
        controller.manager().close(); // the controller restarts before the launch is confirmed
        lossy.loseReplies(0);
        controller.open(Limits.defaults().withReconnectGrace(Duration.ofSeconds(2)));

        JobRecord again = controller.manager().starter().start(spec, controller.caller(), instanceId);

        assertThat(again.id()).isEqualTo(first.id());
        awaitState(again.id(), JobState.COMPLETED);
        assertThat(Files.readString(marks)).isEqualTo("ran\n");
        assertThat(controller.manager().table().all()).hasSize(1);
        assertThat(receive(again)).isEqualTo("resumed\n");
    }

    @Test
    void aResumedStartWhoseAgentStaysAwayIsDisconnectedNotFailedAndIsAdoptedWhenItIsBack() throws Exception {
        open(Duration.ofSeconds(1));
        Path marks = controller.scratch().resolve("marks");
        StartSpec spec = on("echo ran >> '" + marks + "'; echo adopted");
        String instanceId = io.jenkins.plugins.remotejobs.protocol.JobIds.newInstanceId();
        lossy.loseEveryReply(true); // it starts on the agent; no reply of any call reaches the controller
        JobRecord first = controller.manager().starter().start(spec, controller.caller(), instanceId);
        controller.manager().close(); // the controller restarts before the launch is confirmed
        lossy.loseEveryReply(false);
        controller.agents().disconnect("a1"); // and the agent stays away past the grace
        controller.open(Limits.defaults().withReconnectGrace(Duration.ofSeconds(1)));

        JobRecord again = controller.manager().starter().start(spec, controller.caller(), instanceId);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(controller.manager().info(again.id()).orElseThrow().state())
                .as("a job whose launch may have reached its agent, while that agent is away")
                .isEqualTo(JobState.DISCONNECTED);
        controller.agents().reconnect("a1");
        awaitState(again.id(), JobState.COMPLETED);
        assertThat(Files.readString(marks)).isEqualTo("ran\n");
        assertThat(receive(again)).isEqualTo("adopted\n");
    }

    @Test
    void aForcedRemoveOfAJobWhoseAgentIsAwayIsRefusedAndNothingIsForgotten() throws Exception {
        open(Duration.ofMinutes(5));
        JobRecord job = controller
                .manager()
                .starter()
                .start(
                        new StartSpec("a1", null, null, "sleep 300", "sh", "soak", false, null, List.of(), 0, 32),
                        controller.caller());
        controller.agents().disconnect("a1");

        assertThatThrownBy(() -> controller.manager().control().remove(job, true))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("agent a1 is unreachable")
                .hasMessageContaining("job " + job.id() + " ('soak')")
                .hasMessageContaining("nothing was removed");
        assertThat(controller.manager().table().get(job.id())).isPresent();

        controller.agents().reconnect("a1");
        controller
                .manager()
                .control()
                .remove(controller.manager().table().get(job.id()).orElseThrow(), true);
        assertThat(controller.manager().table().get(job.id())).isEmpty();
        assertThat(controller.scratch().resolve("agents/a1").resolve(job.instanceId()))
                .doesNotExist();
    }

    /** A job handle as a host passes one to a step. */
    record Handle(String instanceId) implements io.jenkins.plugins.remotejobs.steps.JobReference {
        @Override
        public String getInstanceId() {
            return instanceId;
        }
    }

    @Test
    void aStopRunAgainAfterARestartWaitsForItsAgentToReconnectAndStops() throws Exception {
        open(Duration.ofMinutes(5));
        JobRecord job = controller.manager().starter().start(on("sleep 300"), controller.caller());
        controller.agents().disconnect("a1");
        JobSteps steps = new JobSteps(controller.manager());
        CompletableFuture<Object> stopped = CompletableFuture.supplyAsync(() -> {
            try {
                return steps.byName()
                        .callAgain("stopJob", Map.of("job", new Handle(job.instanceId())), controller.caller());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitState(job.id(), JobState.DISCONNECTED);
        assertThat(stopped).as("waits for the agent instead of failing").isNotDone();

        controller.agents().reconnect("a1");

        stopped.get(60, TimeUnit.SECONDS);
        JobInfo info = controller.manager().info(job.id()).orElseThrow();
        assertThat(info.state()).as("state (reason: %s)", info.reason()).isEqualTo(JobState.STOPPED);
    }

    @Test
    void aStopSettlingWhenTheManagerClosesEndsAsClosedNotAsAStopThatDidNotFinish() throws Exception {
        open(Duration.ofMinutes(5));
        Path up = controller.scratch().resolve("up");
        JobRecord job = controller
                .manager()
                .starter()
                .start(on("trap '' TERM; touch '" + up + "'; sleep 300"), controller.caller());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(up));
        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(
                () -> controller.manager().control().stop(job));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(controller
                        .scratch()
                        .resolve("agents/a1")
                        .resolve(job.instanceId())
                        .resolve("stop.properties")));

        controller.manager().close(); // the host shuts down while the stop waits for the KILL after the grace

        assertThatThrownBy(() -> stopping.get(3, TimeUnit.SECONDS))
                .as("ends at once, so that a step resumed after the restart stops again")
                .hasCauseInstanceOf(JobManagerClosedException.class);
    }

    @Test
    void aRemovalRunAgainAfterItsJobWasRemovedIsDoneAndSaysSo() throws Exception {
        open(Duration.ofMinutes(5));
        JobRecord job = controller.manager().starter().start(on("true"), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        JobSteps steps = new JobSteps(controller.manager());
        Map<String, Object> raw = Map.of("job", new Handle(job.instanceId()));
        steps.byName().call("removeJob", raw, controller.caller());

        assertThat(steps.byName().callAgain("removeJob", raw, controller.caller()))
                .isNull();

        assertThat(controller.caller().log.toString())
                .contains("removeJob: the job was removed before the controller restarted");
        assertThatThrownBy(() -> steps.byName().call("removeJob", raw, controller.caller()))
                .as("outside a restart, removing a removed job is still an error")
                .isInstanceOf(JobException.class);
    }

    @Test
    void aResumedKeptWaitShowsOnlyWhatTheInterruptedOneDidNotAndReturnsEverything() throws Exception {
        open(Duration.ofMinutes(5));
        JobRecord job = controller
                .manager()
                .starter()
                .start(
                        new StartSpec(
                                "a1",
                                null,
                                null,
                                "printf 'first\\nsecond\\n'",
                                "sh",
                                null,
                                true,
                                null,
                                List.of(),
                                0,
                                32),
                        controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        // The interrupted attempt had shown "first\n" (6 bytes) before the controller restarted.
        TestCaller resumed = controller.caller().resumed(job.id() + "/stdout", 6);

        ReceiveSpec keepWaiting =
                new ReceiveSpec(List.of(StreamName.STDOUT), true, true, false, null, null, null, false, false);
        String text = controller
                .manager()
                .receiver()
                .receive(job, keepWaiting, resumed)
                .text();

        assertThat(text).isEqualTo("first\nsecond\n");
        assertThat(resumed.log.toString()).isEqualTo("second\n");
        assertThat(resumed.shown).containsEntry(job.id() + "/stdout", 13L);
    }

    private static StartSpec on(String script) {
        return new StartSpec("a1", null, null, script, "sh", null, false, null, List.of(), 0, 32);
    }

    private JobInfo awaitState(long id, JobState state) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(id).orElseThrow(), i -> i.state() == state);
    }

    private String receive(JobRecord job) throws InterruptedException {
        ReceiveSpec spec =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, null, true, false);
        return controller
                .manager()
                .receiver()
                .receive(job, spec, controller.caller())
                .text();
    }

    private static String seq(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i).append('\n');
        }
        return b.toString();
    }

    /**
     * The in-process agents, with launches whose replies can be lost after the agent acted on them,
     * or that can be dropped before they arrive: what a channel that breaks mid-call does.
     */
    static final class LossyLaunches extends InterceptedAgents {
        final AtomicInteger launches;
        private final Faults faults;

        /** What the next launches suffer; shared with the hook. */
        private static final class Faults {
            volatile int repliesToLose;
            volatile boolean drop;
            /** Every call is carried out, and every reply lost: the controller hears nothing. */
            volatile boolean deaf;
        }

        LossyLaunches(InProcessAgents agents) {
            this(agents, new AtomicInteger(), new Faults());
        }

        private LossyLaunches(InProcessAgents agents, AtomicInteger launches, Faults faults) {
            super(agents, (real, method, args) -> {
                boolean launch = method.getName().equals("launch");
                if (launch && faults.drop) {
                    throw new IOException("channel closed before the launch arrived");
                }
                if (launch) {
                    launches.incrementAndGet();
                }
                Object result = proceed(real, method, args);
                if (faults.deaf) {
                    throw new IOException("channel closed before the reply arrived");
                }
                if (launch && faults.repliesToLose > 0) {
                    faults.repliesToLose--;
                    throw new IOException("channel closed before the reply arrived");
                }
                return result;
            });
            this.launches = launches;
            this.faults = faults;
        }

        void loseReplies(int count) {
            faults.repliesToLose = count;
        }

        void dropLaunches(boolean value) {
            faults.drop = value;
        }

        void loseEveryReply(boolean value) {
            faults.deaf = value;
        }
    }
}
