package io.jenkins.plugins.remotejobs;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** Pipeline jobs as a user writes them: the script runs in the Groovy sandbox. */
final class Pipelines {

    private Pipelines() {}

    static WorkflowJob create(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
