package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.slaves.DumbSlave;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The agent-side job cache leaves the agent's JVM-wide state alone: its System Information page still works. */
@WithJenkins
class AgentSystemInfoTest {

    @Test
    void anAgentThatRanJobsStillShowsItsSystemProperties(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = Pipelines.create(
                r, "p", "waitJob jobs: [remoteJob(node: '" + agent.getNodeName() + "', script: 'true')]");
        r.buildAndAssertSuccess(p);

        HtmlPage info = r.createWebClient().goTo("computer/" + agent.getNodeName() + "/systemInfo");

        assertThat(info.asNormalizedText()).contains("java.vm.name");
    }
}
