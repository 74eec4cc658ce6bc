package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a receive asks of agents, counted on real job caches running real jobs: a kept job's piece
 * costs one read (whose status gives the range) and one commit; a controller-mode job's collected
 * output is received from the spool, without any agent call, even with the agent gone.
 */
class ReceiveCallsTest {

    private static final ReceiveSpec BOTH_STREAMS = new ReceiveSpec(
            List.of(StreamName.STDOUT, StreamName.STDERR), false, false, false, null, null, null, false, false);
    private static final ReceiveSpec KEEP =
            new ReceiveSpec(List.of(StreamName.STDOUT), true, false, false, null, null, null, false, false);

    /** The names of the protocol calls made while {@link #counting}. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    volatile boolean counting;

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (counting) {
                    calls.add(method.getName());
                }
                return InterceptedAgents.proceed(real, method, args);
            }));

    private JobInfo awaitState(long id, JobState state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(id).orElseThrow(), i -> i.state() == state);
    }

    private ReceiveResult receiveCounted(JobRecord job, ReceiveSpec spec) throws InterruptedException {
        calls.clear();
        counting = true;
        try {
            return controller.manager().receiver().receive(job, spec, controller.caller());
        } finally {
            counting = false;
        }
    }

    @Test
    void aKeptJobsPieceCostsOneReadForAllItsStreamsAndOneCommitEach() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", "printf out; printf err >&2", true), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);

        ReceiveResult received = receiveCounted(job, BOTH_STREAMS);

        assertThat(received.text()).isEqualTo("outerr");
        assertThat(calls)
                .as("no status call: the read's status gives the ranges")
                .containsExactly("read", "commit", "commit");
        assertThat(controller.agents().cache("a1").status(job.instanceId()).hasUnconsumedOutput())
                .isFalse();
        assertThat(receiveCounted(job, BOTH_STREAMS).text())
                .as("consumed exactly once")
                .isEmpty();
        assertThat(calls).as("over, and all of it consumed").isEmpty();
    }

    @Test
    void whatAKeptJobsReceiveConsumedIsInTheTableAfterARestart() throws Exception {
        JobRecord job =
                controller.manager().starter().start(JobManagerTest.on("a1", "printf out", true), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isTrue();

        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEqualTo("out");
        controller.manager().close();
        controller.open(Limits.defaults());

        assertThat(controller.manager().table().get(job.id()).orElseThrow().consumed(StreamName.STDOUT))
                .isEqualTo(3);
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
    }

    @Test
    void aCollectedJobIsReceivedFromTheSpoolWithoutAnyAgentCall() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", "printf collected", false), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receiveCounted(job, KEEP).text()).isEqualTo("collected");
        assertThat(calls).isEmpty();

        controller.agents().disconnect("a1");
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text())
                .as("the agent gone")
                .isEqualTo("collected");
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEmpty();
    }

    @Test
    void aKeptJobWithNothingLeftToReceiveNeedsNoAgentCall() throws Exception {
        JobRecord job =
                controller.manager().starter().start(JobManagerTest.on("a1", "printf once", true), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEqualTo("once");

        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEmpty();
        assertThat(calls)
                .as("the table knows the job is over and all of it consumed")
                .isEmpty();
    }

    @Test
    void aReceiveOfSpooledOutputIsDoneLocallyAndConsumesAndOneOfKeptOutputIsNot() throws Exception {
        JobRecord collected = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", "printf spooled", false), controller.caller());
        JobRecord kept =
                controller.manager().starter().start(JobManagerTest.on("a1", "printf kept", true), controller.caller());
        awaitState(collected.id(), JobState.COMPLETED);
        awaitState(kept.id(), JobState.COMPLETED);
        calls.clear();
        counting = true;

        Optional<ReceiveResult> peeked =
                controller.manager().receiver().receivedLocally(collected, KEEP, controller.caller());
        Optional<ReceiveResult> consuming =
                controller.manager().receiver().receivedLocally(collected, ReceiveSpec.defaults(), controller.caller());
        Optional<ReceiveResult> again =
                controller.manager().receiver().receivedLocally(collected, ReceiveSpec.defaults(), controller.caller());
        Optional<ReceiveResult> onTheAgent =
                controller.manager().receiver().receivedLocally(kept, KEEP, controller.caller());

        counting = false;
        assertThat(peeked).map(ReceiveResult::text).contains("spooled");
        assertThat(consuming).map(ReceiveResult::text).contains("spooled");
        assertThat(again)
                .as("consumed by the receive before")
                .map(ReceiveResult::text)
                .contains("");
        assertThat(onTheAgent).as("a kept job's output is only on its agent").isEmpty();
        assertThat(calls).isEmpty();
        assertThat(controller.manager().info(collected.id()).orElseThrow().hasMoreData())
                .isFalse();
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(collected, ReceiveSpec.defaults(), controller.caller())
                        .text())
                .as("nothing is received twice, whichever way")
                .isEmpty();
    }
}
