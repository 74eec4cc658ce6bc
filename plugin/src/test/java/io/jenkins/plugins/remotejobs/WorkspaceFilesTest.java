package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.slaves.DumbSlave;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code receiveJob file:} in reused workspaces: the file is replaced atomically, whatever its name. */
@WithJenkins
class WorkspaceFilesTest {

    @Test
    void twoBuildsReceivingIntoTheSameFileEachLeaveTheirOwnOutput(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def j = remoteJob node: '%1$s', script: 'echo "build $BUILD_MARK"', env: ["BUILD_MARK=${currentBuild.number}"]
                waitJob jobs: [j]
                node('%1$s') {
                    receiveJob job: j, file: 'out.txt'
                    receiveJob job: j, keep: true, file: 'x'
                }
                """.formatted(agent.getNodeName()), true));

        r.buildAndAssertSuccess(p);
        WorkflowRun second = r.buildAndAssertSuccess(p);

        assertThat(agent.getWorkspaceFor(p).child("out.txt").readToString()).isEqualTo("build 2\n");
        assertThat(agent.getWorkspaceFor(p).child("x").exists()).isTrue();
        r.assertLogContains("receiveJob: wrote 8 bytes of job", second);
        assertThat(agent.getWorkspaceFor(p).list()).noneMatch(f -> f.getName().startsWith(".receiving-"));
    }
}
