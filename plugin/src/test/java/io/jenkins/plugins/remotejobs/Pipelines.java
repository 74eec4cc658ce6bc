package io.jenkins.plugins.remotejobs;

import hudson.model.Node;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** Pipeline jobs as a user writes them: the script runs in the Groovy sandbox. */
final class Pipelines {

    private Pipelines() {}

    static WorkflowJob create(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /**
     * The build of a new job {@code project} whose one step is {@code remoteJob node: <agent>,
     * <arguments>}; it must succeed. For the tests of what becomes of a job once a build started it.
     */
    static WorkflowRun startRemoteJob(JenkinsRule r, String project, Node agent, String arguments) throws Exception {
        return r.buildAndAssertSuccess(
                create(r, project, "remoteJob node: '" + agent.getNodeName() + "', " + arguments));
    }
}
