package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Computer;
import hudson.slaves.DumbSlave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.InboundAgentExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A {@code waitJob} across a real controller restart with a command-launched agent that Jenkins
 * launches again by itself at startup (as it does every agent whose retention strategy connects
 * it): the wait ends within seconds of its job's end, whether the job ends while the controller is
 * down or after the restart, with or without a {@code timeout:}, and without the test connecting
 * the agent itself.
 */
class WaitJobAcrossRestartTest {

    /** Far below the 180 s a hung wait was seen taking, far above the few seconds the end should take. */
    private static final Duration PROMPT = Duration.ofSeconds(60);

    private static final Duration CEILING = Duration.ofSeconds(120);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @RegisterExtension
    private final InboundAgentExtension inboundAgents = new InboundAgentExtension();

    @TempDir
    Path tmp;

    /** A job that runs until the test creates {@code gate}, then notes its end in {@code ended}. */
    private static String gated(Path gate, Path ended) {
        return "while [ ! -e " + gate + " ]; do sleep 0.1; done; echo finished; touch " + ended;
    }

    /** When the gated job ends, relative to the restart. */
    private enum JobEnds {
        WHILE_THE_CONTROLLER_IS_DOWN,
        AFTER_THE_RESTART
    }

    /**
     * A build waits on a gated job, the controller restarts, the job ends as {@code ends} says, and
     * the build must end within {@link #PROMPT} of the restart. With {@code inbound} options the job
     * runs on an inbound agent of that name, which reconnects of its own accord; else on a
     * command-launched {@code slave0}, which Jenkins relaunches at startup ({@code waitOnline}: the
     * test waits for that first, as the harness does).
     */
    private void ridesOutTheRestart(
            String waitArguments, InboundAgentExtension.Options inbound, JobEnds ends, boolean waitOnline)
            throws Throwable {
        Path gate = tmp.resolve("gate");
        Path ended = tmp.resolve("ended");
        sessions.then(r -> {
            hudson.model.Slave agent = inbound == null ? r.createOnlineSlave() : inboundAgents.createAgent(r, inbound);
            WorkflowJob p =
                    Pipelines.create(r, "p", """
                    def j = remoteJob node: '%s', script: '%s', name: 'gated'
                    echo 'waiting'
                    waitJob jobs: [j]%s
                    echo "after restart: ${j.state} " + receiveJob(job: j, quiet: true)
                    """.formatted(agent.getNodeName(), gated(gate, ended), waitArguments));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
        });
        if (ends == JobEnds.WHILE_THE_CONTROLLER_IS_DOWN) {
            Files.createFile(gate); // between the sessions: no Jenkins runs
            await().atMost(CEILING).until(() -> Files.exists(ended));
        }
        sessions.then(r -> {
            long back = System.nanoTime();
            if (waitOnline) {
                DumbSlave agent = (DumbSlave) r.jenkins.getNode("slave0");
                r.waitOnline(agent);
                Computer c = agent.toComputer();
                assertThat(c.isOnline()).as("slave0 online").isTrue();
            }
            if (ends == JobEnds.AFTER_THE_RESTART) {
                Files.createFile(gate);
            }
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after restart: Completed finished", b);
            r.assertLogNotContains("Disconnected", b);
            assertThat(Duration.ofNanos(System.nanoTime() - back))
                    .as("from the restart to the build's end")
                    .isLessThan(PROMPT);
        });
    }

    private static InboundAgentExtension.Options inbound(String name) {
        return InboundAgentExtension.Options.newBuilder().name(name).build();
    }

    @Test
    void theJobEndsAfterTheRestartAndJenkinsReconnectsTheAgentByItself() throws Throwable {
        ridesOutTheRestart("", null, JobEnds.AFTER_THE_RESTART, false);
    }

    @Test
    void aWaitWithATimeoutEndsAsSoonAsItsJobAfterTheRestart() throws Throwable {
        ridesOutTheRestart(", timeout: 600", null, JobEnds.AFTER_THE_RESTART, false);
    }

    @Test
    void theJobEndsWhileTheControllerIsDown() throws Throwable {
        ridesOutTheRestart("", null, JobEnds.WHILE_THE_CONTROLLER_IS_DOWN, false);
    }

    @Test
    void aWaitWithATimeoutWhoseJobEndedWhileTheControllerWasDown() throws Throwable {
        ridesOutTheRestart(", timeout: 600", null, JobEnds.WHILE_THE_CONTROLLER_IS_DOWN, false);
    }

    @Test
    void theTestWaitsForTheAgentOnlineAsTheHarnessDoes() throws Throwable {
        ridesOutTheRestart("", null, JobEnds.AFTER_THE_RESTART, true);
    }

    @Test
    void anInboundAgentThatReconnectsByItselfAfterTheRestart() throws Throwable {
        ridesOutTheRestart("", inbound("inbound"), JobEnds.AFTER_THE_RESTART, false);
    }

    @Test
    void aWebSocketAgentThatReconnectsByItselfAfterTheRestart() throws Throwable {
        ridesOutTheRestart(
                ", timeout: 600",
                InboundAgentExtension.Options.newBuilder()
                        .name("ws")
                        .webSocket()
                        .build(),
                JobEnds.AFTER_THE_RESTART,
                false);
    }

    @Test
    void anInboundAgentWhoseJobEndedWhileTheControllerWasDown() throws Throwable {
        ridesOutTheRestart("", inbound("inbound"), JobEnds.WHILE_THE_CONTROLLER_IS_DOWN, false);
    }
}
