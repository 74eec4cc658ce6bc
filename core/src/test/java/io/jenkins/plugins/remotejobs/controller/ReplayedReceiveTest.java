package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consuming receive run again under the same call, as Pipeline runs a step again when a crash
 * lost its success before the build's program was saved: it is handed what it consumed the first
 * time, so the file it writes and the text it returns are the same, and no other receive gets those
 * bytes. The controller is restarted in between (its table reopened from the disk), the agents are
 * real job caches running real processes.
 */
class ReplayedReceiveTest {

    private static final String CALL = "build#1 node 12";

    final AtomicInteger commitsToRefuse = new AtomicInteger();

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (method.getName().equals("commit") && commitsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new JobCacheException(JobCacheException.Kind.STORAGE, "the agent's disk is full");
                }
                return InterceptedAgents.proceed(real, method, args);
            }));

    private JobRecord finished(String script, boolean keepOnAgent) {
        JobRecord job;
        try {
            job = controller
                    .manager()
                    .starter()
                    .start(JobManagerTest.on("a1", script, keepOnAgent), controller.caller());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        long id = job.id();
        // Finished, and in controller mode all of it in the spool: what a receive gets is settled.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JobRecord r = controller.manager().table().get(id).orElseThrow();
            return r.state() == JobState.COMPLETED && (keepOnAgent || r.collected());
        });
        return job;
    }

    private ReceiveResult receive(JobRecord job, ReceiveSpec spec, String callId) throws InterruptedException {
        controller.caller().callId = callId;
        JobRecord now = controller.manager().table().get(job.id()).orElseThrow();
        return controller.manager().receiver().receive(now, spec, controller.caller());
    }

    private static ReceiveSpec waitingIntoFile() {
        return new ReceiveSpec(List.of(StreamName.STDOUT), false, true, false, null, null, "out.txt", false, false);
    }

    @ParameterizedTest(name = "kept on the agent: {0}")
    @ValueSource(booleans = {false, true})
    void aFileReceiveRunAgainAfterARestartWritesTheSameFile(boolean keepOnAgent) throws Exception {
        JobRecord job = finished("printf 'first\\nsecond\\n'", keepOnAgent);
        ReceiveResult first = receive(job, waitingIntoFile(), CALL);
        assertThat(first.bytes()).isEqualTo(13);

        controller.open(Limits.defaults()); // the crash: the table as it was on the disk
        ReceiveResult again = receive(job, waitingIntoFile(), CALL);

        assertThat(controller.scratch().resolve("ws/out.txt")).hasContent("first\nsecond");
        assertThat(again.bytes()).isEqualTo(13);
        assertThat(again.ranges()).isEqualTo(first.ranges());
        assertThat(receive(job, ReceiveSpec.defaults(), "build#1 node 13").text())
                .as("another call's receive")
                .isEmpty();
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
    }

    @ParameterizedTest(name = "kept on the agent: {0}")
    @ValueSource(booleans = {false, true})
    void aTextReceiveRunAgainReturnsTheSameTextAndAnotherCallNothing(boolean keepOnAgent) throws Exception {
        JobRecord job = finished("echo once", keepOnAgent);
        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text()).isEqualTo("once\n");

        controller.open(Limits.defaults());

        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text()).isEqualTo("once\n");
        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text())
                .as("any number of times")
                .isEqualTo("once\n");
        assertThat(receive(job, ReceiveSpec.defaults(), "build#1 node 13").text())
                .isEmpty();
        assertThat(receive(job, ReceiveSpec.defaults(), null).text())
                .as("a caller whose calls are never run again")
                .isEmpty();
    }

    @Test
    void aCallRunAgainWhileItsJobRunsGetsWhatItHadThenWhatIsNewAndKeepsBoth() throws Exception {
        Path go = controller.scratch().resolve("go");
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.gated("a1", "one", go, "two", false), controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        controller.manager().table().get(job.id()).orElseThrow().stdoutLength() >= 4);
        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text()).isEqualTo("one\n");
        Files.createFile(go);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JobRecord r = controller.manager().table().get(job.id()).orElseThrow();
            return r.state() == JobState.COMPLETED && r.collected();
        });

        controller.open(Limits.defaults());

        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text()).isEqualTo("one\ntwo\n");
        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text())
                .as("what it consumed when run again counts as this call's too")
                .isEqualTo("one\ntwo\n");
        assertThat(receive(job, ReceiveSpec.defaults(), "build#1 node 13").text())
                .isEmpty();
    }

    @Test
    void aConsumeTheAgentRefusedIsNotHandedOutAgainButReceivedAsUsual() throws Exception {
        JobRecord job = finished("echo kept", true);
        commitsToRefuse.set(1);
        assertThatThrownBy(() -> receive(job, ReceiveSpec.defaults(), CALL))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("the agent's disk is full");

        controller.open(Limits.defaults());

        assertThat(receive(job, ReceiveSpec.defaults(), CALL).text()).isEqualTo("kept\n");
        assertThat(receive(job, ReceiveSpec.defaults(), "build#1 node 13").text())
                .as("consumed once, by the call run again")
                .isEmpty();
    }
}
