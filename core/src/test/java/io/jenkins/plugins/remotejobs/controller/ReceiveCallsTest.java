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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path tmp;

    InProcessAgents agents;
    JobManager manager;
    TestCaller caller;
    /** The names of the protocol calls made while {@link #counting}. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    volatile boolean counting;

    @BeforeEach
    void start() throws IOException {
        agents = new InProcessAgents(tmp.resolve("agents"), "a1");
        manager = open();
        caller = new TestCaller("build#1", tmp.resolve("ws"));
    }

    private JobManager open() throws IOException {
        InterceptedAgents counted = new InterceptedAgents(agents, (real, method, args) -> {
            if (counting) {
                calls.add(method.getName());
            }
            return InterceptedAgents.proceed(real, method, args);
        });
        return JobManager.open(tmp.resolve("controller"), counted, Limits.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agents.close();
    }

    private JobInfo awaitState(long id, JobState state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(id).orElseThrow(), i -> i.state() == state);
    }

    private ReceiveResult receiveCounted(JobRecord job, ReceiveSpec spec) throws InterruptedException {
        calls.clear();
        counting = true;
        try {
            return manager.receiver().receive(job, spec, caller);
        } finally {
            counting = false;
        }
    }

    @Test
    void aKeptJobsPieceCostsOneReadForAllItsStreamsAndOneCommitEach() throws Exception {
        JobRecord job = manager.starter().start(JobManagerTest.on("a1", "printf out; printf err >&2", true), caller);
        awaitState(job.id(), JobState.COMPLETED);

        ReceiveResult received = receiveCounted(job, BOTH_STREAMS);

        assertThat(received.text()).isEqualTo("outerr");
        assertThat(calls)
                .as("no status call: the read's status gives the ranges")
                .containsExactly("read", "commit", "commit");
        assertThat(agents.cache("a1").status(job.instanceId()).hasUnconsumedOutput())
                .isFalse();
        assertThat(receiveCounted(job, BOTH_STREAMS).text())
                .as("consumed exactly once")
                .isEmpty();
        assertThat(calls).as("over, and all of it consumed").isEmpty();
    }

    @Test
    void whatAKeptJobsReceiveConsumedIsInTheTableAfterARestart() throws Exception {
        JobRecord job = manager.starter().start(JobManagerTest.on("a1", "printf out", true), caller);
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isTrue();

        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEqualTo("out");
        manager.close();
        manager = open();

        assertThat(manager.table().get(job.id()).orElseThrow().consumed(StreamName.STDOUT))
                .isEqualTo(3);
        assertThat(manager.info(job.id()).orElseThrow().hasMoreData()).isFalse();
    }

    @Test
    void aCollectedJobIsReceivedFromTheSpoolWithoutAnyAgentCall() throws Exception {
        JobRecord job = manager.starter().start(JobManagerTest.on("a1", "printf collected", false), caller);
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receiveCounted(job, KEEP).text()).isEqualTo("collected");
        assertThat(calls).isEmpty();

        agents.disconnect("a1");
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text())
                .as("the agent gone")
                .isEqualTo("collected");
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEmpty();
    }

    @Test
    void aKeptJobWithNothingLeftToReceiveNeedsNoAgentCall() throws Exception {
        JobRecord job = manager.starter().start(JobManagerTest.on("a1", "printf once", true), caller);
        awaitState(job.id(), JobState.COMPLETED);
        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEqualTo("once");

        assertThat(receiveCounted(job, ReceiveSpec.defaults()).text()).isEmpty();
        assertThat(calls)
                .as("the table knows the job is over and all of it consumed")
                .isEmpty();
    }

    @Test
    void aReceiveThatNeedsNoAgentCallIsDoneLocallyUnlessItWouldConsume() throws Exception {
        JobRecord collected = manager.starter().start(JobManagerTest.on("a1", "printf spooled", false), caller);
        JobRecord kept = manager.starter().start(JobManagerTest.on("a1", "printf kept", true), caller);
        awaitState(collected.id(), JobState.COMPLETED);
        awaitState(kept.id(), JobState.COMPLETED);
        calls.clear();
        counting = true;

        Optional<ReceiveResult> peeked = manager.receiver().receivedLocally(collected, KEEP, caller);
        Optional<ReceiveResult> consuming =
                manager.receiver().receivedLocally(collected, ReceiveSpec.defaults(), caller);
        Optional<ReceiveResult> onTheAgent = manager.receiver().receivedLocally(kept, KEEP, caller);

        counting = false;
        assertThat(peeked).map(ReceiveResult::text).contains("spooled");
        assertThat(consuming)
                .as("consuming writes the table and syncs it: not here")
                .isEmpty();
        assertThat(onTheAgent).as("a kept job's output is only on its agent").isEmpty();
        assertThat(calls).isEmpty();
        assertThat(manager.info(collected.id()).orElseThrow().hasMoreData()).isTrue();

        assertThat(manager.receiver()
                        .receive(collected, ReceiveSpec.defaults(), caller)
                        .text())
                .isEqualTo("spooled");
        assertThat(manager.receiver().receivedLocally(collected, ReceiveSpec.defaults(), caller))
                .as("nothing left to consume")
                .map(ReceiveResult::text)
                .contains("");
    }
}
