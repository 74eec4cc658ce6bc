package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How much text a receive delivers. A text receive whose claim of a kept job's output is lost to another receive, while the job
 * writes more than the text cap: the retry claims what is new, but never more text than the cap
 * allowed. Real job cache, real process; the other receive's claim is made on the real agent from
 * inside the first one's commit, so the race is certain. A receive into the build log only (the
 * freestyle steps') returns no text, so it shows all of it.
 */
class ReceiveAfterALostClaimTest {

    private static final long CAP = 100;

    Path gate;
    final AtomicBoolean raced = new AtomicBoolean();

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1")
            .limits(Limits.defaults().withTextCap(CAP))
            .between(agents -> new InterceptedAgents(agents, (real, method, args) -> {
                if (method.getName().equals("commit") && raced.compareAndSet(false, true)) {
                    takeItFirstAndGrow(real, (String) args[0], (StreamName) args[1], (long) args[2], (long) args[3]);
                }
                return InterceptedAgents.proceed(real, method, args);
            }));

    @BeforeEach
    void gate() {
        gate = controller.scratch().resolve("gate");
    }

    /** Another receive claims the same range first; the job then writes 200 bytes more. */
    private void takeItFirstAndGrow(AgentProtocol real, String id, StreamName stream, long from, long to)
            throws IOException {
        assertThat(real.commit(id, stream, from, to).committed()).isTrue();
        Files.createFile(gate);
        await().atMost(Duration.ofSeconds(30)).until(() -> real.status(id).length(stream) >= to + 200);
    }

    @Test
    void theRetryAfterALostClaimDeliversNoMoreTextThanTheCap() throws Exception {
        String script =
                "printf '%060d'; while [ ! -e '" + gate + "' ]; do sleep 0.01; done; printf '%0200d'; sleep 300";
        JobRecord job =
                controller.manager().starter().start(JobManagerTest.on("a1", script, true), controller.caller());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> controller.manager().info(job.id()).orElseThrow().hasMoreData());

        String text = controller
                .manager()
                .receiver()
                .receive(job, ReceiveSpec.defaults(), controller.caller())
                .text();

        assertThat(raced).as("the claim was raced").isTrue();
        assertThat((long) text.length())
                .as("text delivered after the lost claim")
                .isLessThanOrEqualTo(CAP);
        assertThat(text).isEqualTo("0".repeat(60));
        controller.manager().control().stop(job);
    }

    @Test
    void intoTheLogOnlyTheWholeOutputIsShownWhateverTheTextCap() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", "printf '%0300d'", false), controller.caller());
        JobSteps steps = new JobSteps(controller.manager());

        assertThatThrownBy(
                        () -> steps.receiveJob(Map.of("id", job.id(), "wait", true, "keep", true), controller.caller()))
                .hasMessageContaining("above the limit of 100 bytes for text");
        steps.receiveJobIntoLog(Map.of("id", job.id(), "wait", true), controller.caller());

        assertThat(controller.caller().log.toString()).contains("0".repeat(300));
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .as("consumed")
                .isFalse();
    }
}
