package io.jenkins.plugins.remotejobs;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PipelineStepsTest {

    @Test
    void everyStepInBothModesOnARealAgent(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String node = agent.getNodeName();
        WorkflowJob p = Pipelines.create(r, "p", """
                def c = remoteJob node: '%1$s', script: 'echo collected; echo oops >&2', name: 'c'
                def k = remoteJob node: '%1$s', script: 'echo kept', keepOnAgent: true, name: 'k'
                echo "handle ${c.id} ${c.name} on ${c.location}"
                def ended = waitJob jobs: [c, k], timeout: 120
                echo "ended ${ended.size()} states ${c.state} ${k.state} exit ${c.exitCode}"
                echo "contains=${ended.contains(c)} ${ended.contains(k)} ${c == k}"
                echo "out=" + receiveJob(job: c, quiet: true).trim()
                echo "err=" + receiveJob(job: c, stream: 'stderr', quiet: true).trim()
                echo "kept=" + receiveJob(job: k, keep: true, quiet: true).trim()
                echo "more=${k.hasMoreData}"
                echo "again=" + receiveJob(name: 'k', quiet: true).trim()
                getJob()
                def slow = remoteJob node: '%1$s', script: 'sleep 300'
                stopJob job: slow
                echo "slow=${slow.state}"
                removeJob job: slow
                removeJob job: c
                removeJob job: k
                echo "left=${getJob(all: true, quiet: true).size()}"
                """.formatted(node));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("ended 2 states Completed Completed exit 0", b);
        r.assertLogContains("contains=true true false", b);
        r.assertLogContains("out=collected", b);
        r.assertLogContains("err=oops", b);
        r.assertLogContains("kept=kept", b);
        r.assertLogContains("more=true", b);
        r.assertLogContains("again=kept", b);
        r.assertLogContains("Id  Name  State", b);
        r.assertLogContains("slow=Stopped", b);
        r.assertLogContains("left=0", b);
    }

    @Test
    void anUnknownArgumentFailsClearlyNamingTheAllowedOnes(JenkinsRule r) throws Exception {
        r.createOnlineSlave();
        WorkflowJob p = Pipelines.create(r, "bad", "remoteJob node: 'slave0', scirpt: 'true'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("remoteJob: unknown argument 'scirpt'", b);
        r.assertLogContains("Allowed: node, nodes, label, script", b);
    }

    @Test
    void theBuiltInNodeIsRefusedNamingTheRule(JenkinsRule r) throws Exception {
        WorkflowJob p = Pipelines.create(r, "builtin", "remoteJob node: 'built-in', script: 'true'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("remote jobs never run on the built-in node; use an agent", b);
        r.assertLogNotContains("unknown node", b);
    }

    @Test
    void aBuildCannotReachAnotherJobsRemoteJobs(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Pipelines.startRemoteJob(r, "a", agent, "script: 'echo secret', name: 'theirs'");
        WorkflowJob b = Pipelines.create(r, "b", "echo receiveJob(name: 'theirs', keep: true)");
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, b);
        r.assertLogContains("no job named 'theirs'", run);
        r.assertLogNotContains("secret", run);
    }
}
