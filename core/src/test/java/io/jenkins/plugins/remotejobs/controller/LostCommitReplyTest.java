package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receive of a job kept on its agent whose commit the agent applies but whose reply is lost on
 * the way back: whether the output was consumed is read from the agent's cursor, never guessed, so
 * the step reports what happened and a later receive neither repeats nor drops a byte.
 */
class LostCommitReplyTest {

    final AtomicInteger repliesToLose = new AtomicInteger();
    /** While set, the agent answers no status: connected, yet silent (its channel is going). */
    volatile boolean silent;

    final AtomicInteger unansweredStatuses = new AtomicInteger();

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (silent && method.getName().equals("status")) {
                    unansweredStatuses.incrementAndGet();
                    throw new IOException("no answer: the channel is closing");
                }
                Object reply = InterceptedAgents.proceed(real, method, args);
                if (method.getName().equals("commit") && repliesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IOException("the connection closed before the reply came");
                }
                return reply;
            }));

    private JobRecord finishedKeptJob(String script) throws InterruptedException {
        JobRecord job =
                controller.manager().starter().start(JobManagerTest.on("a1", script, true), controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(job.id()).orElseThrow().state() == JobState.COMPLETED);
        return job;
    }

    @Test
    void aFileReceiveWhoseCommitReplyIsLostSucceedsWithTheWholeOutputConsumedOnce() throws Exception {
        JobRecord job = finishedKeptJob("echo first part; echo second part");
        ReceiveSpec toFile =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, "out.txt", false, false);
        repliesToLose.set(1);

        ReceiveResult result = controller.manager().receiver().receive(job, toFile, controller.caller());

        assertThat(repliesToLose).as("the reply was lost").hasValue(0);
        assertThat(result.bytes()).isEqualTo(23);
        assertThat(controller.scratch().resolve("ws/out.txt")).hasContent("first part\nsecond part");
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(job, ReceiveSpec.defaults(), controller.caller())
                        .text())
                .isEmpty();
    }

    /**
     * The controller shuts down while a consume's answer is lost and its agent does not answer
     * again (in Jenkins the restart closes the agents' channels first): the receive ends as the
     * host stops, so that a host whose steps resume runs it again after the restart, instead of
     * failing the step with "not known" (or holding the shutdown up for the reconnect grace).
     */
    @Test
    void aConsumeWhoseAnswerIsLostWhenTheControllerStopsEndsAsTheHostStopsNotAsAFailure() throws Exception {
        JobRecord job = finishedKeptJob("echo before the restart");
        repliesToLose.set(1);
        silent = true;
        CompletableFuture<ReceiveResult> receive = CompletableFuture.supplyAsync(() -> {
            try {
                return controller.manager().receiver().receive(job, ReceiveSpec.defaults(), controller.caller());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> unansweredStatuses.get() > 0);

        controller.manager().close();

        assertThatThrownBy(() -> receive.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(JobManagerClosedException.class);
    }

    @Test
    void aTextReceiveWhoseCommitReplyIsLostReturnsItsTextOnce() throws Exception {
        JobRecord job = finishedKeptJob("echo only once");
        repliesToLose.set(1);

        String text = controller
                .manager()
                .receiver()
                .receive(job, ReceiveSpec.defaults(), controller.caller())
                .text();

        assertThat(text).isEqualTo("only once\n");
        assertThat(controller
                        .manager()
                        .receiver()
                        .receive(job, ReceiveSpec.defaults(), controller.caller())
                        .text())
                .isEmpty();
        assertThat(Files.readString(controller
                        .scratch()
                        .resolve("agents/a1")
                        .resolve(job.instanceId())
                        .resolve("stdout")))
                .as("the agent's copy, kept")
                .isEqualTo("only once\n");
    }
}
