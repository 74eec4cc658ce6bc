package io.jenkins.plugins.remotejobs;

import hudson.model.Item;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
            Logins.adminAnd(r, "alice", Jenkins.READ, Item.READ);
            Logins.buildsRunAs(Map.of("p", "alice"));
            DumbSlave agent = r.createOnlineSlave();
            Pipelines.startRemoteJob(r, "other", agent, "name: 'theirs', script: 'sleep 10; echo done'");
            JobRecord theirs = ControllerJobs.only("theirs");

            WorkflowJob p = Pipelines.create(r, "p", """
                    echo 'waiting'
                    def ended = waitJob jobs: [%d]
                    echo "ended=${ended.size()} state=${ended[0].state}"
                    """.formatted(theirs.id()));
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
