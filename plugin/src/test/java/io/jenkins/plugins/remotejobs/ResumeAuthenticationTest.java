package io.jenkins.plugins.remotejobs;

import hudson.model.Item;
import hudson.model.User;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A waiting step resumed after a restart acts as the build's own authentication, not as SYSTEM:
 * a build running as a user who may read another project waits on that project's remote job
 * across a restart (as SYSTEM it could not reach it at all).
 */
class ResumeAuthenticationTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aResumedWaitActsAsTheUserTheBuildRunsAs() throws Throwable {
        sessions.then(r -> {
            r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
            r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER)
                    .everywhere()
                    .to("admin")
                    .grant(Jenkins.READ, Item.READ)
                    .everywhere()
                    .to("alice"));
            QueueItemAuthenticatorConfiguration.get()
                    .getAuthenticators()
                    .add(new MockQueueItemAuthenticator()
                            .authenticate("p", User.getById("alice", true).impersonate2()));
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob other = r.createProject(WorkflowJob.class, "other");
            other.setDefinition(new CpsFlowDefinition(
                    "remoteJob node: '" + agent.getNodeName() + "', name: 'theirs', script: 'sleep 10; echo done'",
                    true));
            r.buildAndAssertSuccess(other);
            JobRecord theirs = RemoteJobsService.get()
                    .steps()
                    .manager()
                    .table()
                    .byName("theirs")
                    .get(0);

            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    echo 'waiting'
                    def ended = waitJob jobs: [%d]
                    echo "ended=${ended.size()} state=${ended[0].state}"
                    """.formatted(theirs.id()), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
        });
        sessions.then(r -> {
            r.jenkins.getNode("slave0").toComputer().connect(false).get();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended=1 state=Completed", b);
        });
    }
}
