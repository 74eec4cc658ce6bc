package io.jenkins.plugins.remotejobs;

import static io.jenkins.plugins.remotejobs.ControllerJobs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.actions.BuildJobsAction;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class OwnershipAndNodesTest {

    @Test
    void aRenamedOwnerJobKeepsItsRemoteJobs(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowRun first =
                Pipelines.startRemoteJob(r, "before", agent, "script: 'echo mine', name: 'owned', keepOnAgent: true");
        WorkflowJob p = first.getParent();
        p.renameTo("after");
        assertThat(only("owned").owner()).isEqualTo("after");
        assertThat(only("owned").build()).isEqualTo("after#1");
        assertThat(first.getAction(BuildJobsAction.class))
                .as("the renamed job's old build keeps its Remote Jobs page")
                .isNotNull();
        p.setDefinition(new CpsFlowDefinition(
                "waitJob jobs: [getJob(name: 'owned', quiet: true)[0]]\necho 'got ' + receiveJob(name: 'owned', quiet: true)",
                true));
        r.assertLogContains("got mine", r.buildAndAssertSuccess(p));
    }

    @Test
    void aJobCreatedAgainUnderADeletedOnesNameInheritsNoneOfItsRemoteJobs(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Pipelines.startRemoteJob(r, "p", agent, "script: 'echo old', name: 'old', keepOnAgent: true")
                .getParent()
                .delete();
        assertThat(only("old").owner()).as("left to administrators").isNull();

        WorkflowJob again = Pipelines.create(
                r,
                "p",
                "echo 'this build: ' + getJob(quiet: true).size() + ', by name: ' + getJob(name: 'old', quiet: true).size()");
        WorkflowRun b = r.buildAndAssertSuccess(again);

        assertThat(b.getExternalizableId()).isEqualTo("p#1");
        r.assertLogContains("this build: 0, by name: 0", b);
        assertThat(b.getAction(BuildJobsAction.class))
                .as("no Remote Jobs page of the old build #1")
                .isNull();
    }

    @Test
    void aDeletedNodeMakesItsJobsLost(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Pipelines.startRemoteJob(r, "p", agent, "script: 'sleep 300', name: 'doomed'");
        r.jenkins.removeNode(agent);
        await().atMost(Duration.ofSeconds(60)).until(() -> only("doomed").state() == JobState.LOST);
        assertThat(only("doomed").reason()).contains("deleted");
    }

    @Test
    void nodesOutsideTheAllowedSettingAreRefusedNamingIt(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        RemoteJobsConfiguration.get().setAllowedNodes("remote-jobs-only");
        WorkflowJob p = Pipelines.create(r, "p", "remoteJob node: '" + agent.getNodeName() + "', script: 'true'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("is not among the nodes allowed for remote jobs", b);
        r.assertLogContains("remote-jobs-only", b);
        assertThat(RemoteJobsService.get().steps().manager().table().size()).isZero();
    }

    @Test
    void anAbortedWaitStopsWaitingAndTheJobGoesOn(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = Pipelines.create(
                r,
                "p",
                "def j = remoteJob node: '" + agent.getNodeName() + "', script: 'sleep 300', name: 'long'\n"
                        + "echo 'waiting'\nwaitJob jobs: [j]");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting", b);
        await().atMost(Duration.ofSeconds(30)).until(() -> JenkinsRule.getLog(b).contains("waitJob"));
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(only("long").state()).as("a build's end stops nothing").isEqualTo(JobState.RUNNING);
        RemoteJobsService.get().steps().manager().control().stop(only("long"));
    }
}
