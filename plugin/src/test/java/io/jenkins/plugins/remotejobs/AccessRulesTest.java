package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * One rule for steps: a build running as a user who may read another Jenkins job (Item/READ) reads
 * its remote jobs and is refused, by name, when it would consume, stop or remove one; a user who
 * may also cancel its builds (Item/CANCEL) may do all of it. Listing an agent's unknown jobs needs
 * Computer/EXTENDED_READ on the agent.
 */
@WithJenkins
class AccessRulesTest {

    @Test
    void readingNeedsReadAndChangingNeedsCancelOnTheOwner(JenkinsRule r) throws Exception {
        Logins.adminAnd(
                r,
                grants -> grants.grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD)
                        .everywhere()
                        .to("reader", "canceller")
                        .grant(Item.CANCEL)
                        .everywhere()
                        .to("canceller")
                        .grant(Computer.EXTENDED_READ)
                        .everywhere()
                        .to("canceller"));
        Logins.buildsRunAs(Map.of("as-reader", "reader", "as-canceller", "canceller"));
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob owner = Pipelines.create(
                r,
                "owner",
                "def j = remoteJob node: '" + agent.getNodeName()
                        + "', name: 'theirs', keepOnAgent: true, script: 'echo kept'\nwaitJob jobs: [j]");
        r.buildAndAssertSuccess(owner);
        JobRecord theirs = ControllerJobs.only("theirs");

        WorkflowJob asReader = Pipelines.create(r, "as-reader", """
                waitJob jobs: [%1$d]
                echo "read=" + receiveJob(id: %1$d, keep: true, quiet: true).trim()
                getJob node: '%2$s'
                receiveJob id: %1$d
                """.formatted(theirs.id(), agent.getNodeName()));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, asReader);
        r.assertLogContains("read=kept", refused);
        r.assertLogContains("listed only for callers allowed to see that agent's jobs", refused);
        r.assertLogContains(
                "receiveJob: job " + theirs.id() + " ('theirs') belongs to owner: this build may read it but not"
                        + " consume its output",
                refused);
        r.assertLogNotContains("\tat ", refused);
        for (String step : new String[] {"stopJob", "removeJob"}) {
            asReader.setDefinition(new CpsFlowDefinition(step + " id: " + theirs.id(), true));
            r.assertLogContains(
                    step + ": job " + theirs.id() + " ('theirs') belongs to owner",
                    r.buildAndAssertStatus(Result.FAILURE, asReader));
        }

        WorkflowJob asCanceller = Pipelines.create(r, "as-canceller", """
                getJob node: '%2$s'
                echo "consumed=" + receiveJob(id: %1$d, quiet: true).trim()
                removeJob id: %1$d
                """.formatted(theirs.id(), agent.getNodeName()));
        WorkflowRun allowed = r.buildAndAssertSuccess(asCanceller);
        r.assertLogContains("consumed=kept", allowed);
        r.assertLogNotContains("listed only", allowed);
        assertThat(RemoteJobsService.get().steps().manager().table().get(theirs.id()))
                .isEmpty();
    }
}
