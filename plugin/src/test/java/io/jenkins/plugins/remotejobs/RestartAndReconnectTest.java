package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Computer;
import hudson.slaves.DumbSlave;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.InboundAgentExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class RestartAndReconnectTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @RegisterExtension
    private final InboundAgentExtension inboundAgents = new InboundAgentExtension();

    /**
     * An inbound agent, as most agents are connected: after the restart it connects again of its
     * own accord (here: started again, as the harness does), and the wait ends as soon as the job
     * has, not after a poll or a timeout.
     */
    @Test
    void waitJobOnAnInboundAgentEndsSoonAfterItsJobOnceTheAgentIsBackAfterARestart() throws Throwable {
        sessions.then(r -> {
            inboundAgents.createAgent(
                    r,
                    InboundAgentExtension.Options.newBuilder().name("inbound").build());
            WorkflowJob p = Pipelines.create(
                    r,
                    "p",
                    "def j = remoteJob node: 'inbound', script: 'sleep 10; echo finished', name: 'long'\n"
                            + "echo 'waiting'\n"
                            + "waitJob jobs: [j]\n"
                            + "echo \"after restart: ${j.state} \" + receiveJob(job: j, quiet: true)");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
        });
        sessions.then(r -> {
            inboundAgents.start(r, "inbound");
            long back = System.nanoTime();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after restart: Completed finished", b);
            // The job had at most 10 s left when the agent came back: the wait's end follows its end.
            assertThat(Duration.ofNanos(System.nanoTime() - back))
                    .as("from the agent back to the build's end")
                    .isLessThan(Duration.ofSeconds(60));
        });
    }

    @Test
    void waitJobSurvivesAControllerRestart() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = Pipelines.create(
                    r,
                    "p",
                    "def j = remoteJob node: '" + agent.getNodeName()
                            + "', script: 'sleep 15; echo finished', name: 'long'\n"
                            + "echo 'waiting'\n"
                            + "waitJob jobs: [j]\n"
                            + "echo \"after restart: ${j.state} \" + receiveJob(job: j, quiet: true)");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
        });
        sessions.then(r -> {
            // The test harness takes its agents down with the first Jenkins; bring this one back.
            Computer agent = r.jenkins.getNode("slave0").toComputer();
            agent.connect(false).get();
            WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after restart: Completed finished", b);
            r.assertLogNotContains("Disconnected", b); // the wait rode out the restart by the grace alone
        });
    }

    @Test
    void jobsAreDisconnectedWhileTheirAgentIsAwayAndCompleteWhenItReturns() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = Pipelines.create(
                    r,
                    "p",
                    "def j = remoteJob node: '" + agent.getNodeName() + "', script: 'sleep 5; echo back', name: 'r'\n"
                            + "semaphore 'away'\n"
                            + "waitJob jobs: [j], timeout: 120\n"
                            + "echo \"state ${j.state} \" + receiveJob(job: j, quiet: true)");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep.waitForStart("away/1", b);
            Computer c = agent.toComputer();
            c.disconnect(null).get();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> RemoteJobsService.get().steps().manager().table().all().stream()
                            .anyMatch(j ->
                                    j.state() == io.jenkins.plugins.remotejobs.controller.model.JobState.DISCONNECTED));
            c.connect(false).get();
            org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep.success("away/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state Completed back", b);
            r.assertLogNotContains("Disconnected", b);
        });
    }
}
