package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.AdministrativeMonitor;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The spool quota on a real Jenkins: a job with more output than the quota fills the spool up to it,
 * the administrative monitor shows on the manage page, and once the quota is raised collection
 * resumes and the whole output is received, exactly.
 */
@WithJenkins
class SpoolQuotaMonitorTest {

    @Test
    void atTheQuotaAdministratorsAreToldAndRaisingItResumesCollection(JenkinsRule r) throws Exception {
        RemoteJobsConfiguration.get().setSpoolQuotaMiB(1);
        DumbSlave agent = r.createOnlineSlave();
        // 2 MiB: 32,768 lines of 64 bytes.
        WorkflowJob p = Pipelines.create(r, "p", """
                def j = remoteJob node: '%s', name: 'big',
                    script: 'i=0; while [ $i -lt 32768 ]; do printf "%%063d\\\\n" $i; i=$((i+1)); done'
                waitJob jobs: [j]
                def out = receiveJob(job: j, quiet: true)
                echo "state=${j.state} bytes=${out.length()} last=${out.substring(out.length() - 6).trim()}"
                """.formatted(agent.getNodeName()));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();

        SpoolQuotaMonitor monitor = AdministrativeMonitor.all().get(SpoolQuotaMonitor.class);
        await().atMost(Duration.ofSeconds(120)).until(monitor::isActivated);
        JobManager manager = RemoteJobsService.get().steps().manager();
        JobRecord big = ControllerJobs.only("big");
        // The monitor turns on once the spool is full; the job's reason once its next append is refused.
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(
                        () -> assertThat(manager.info(big.id()).orElseThrow().reason())
                                .contains("collection paused"));
        assertThat(manager.spoolUsage().usedBytes()).isEqualTo(1 << 20);
        JenkinsRule.WebClient wc = r.createWebClient();
        assertThat(wc.goTo("manage/").asNormalizedText())
                .contains("collection of controller-mode output is paused")
                .contains("holds 1 MiB of its quota of 1 MiB");
        assertThat(b.isBuilding())
                .as("the wait goes on while collection is paused")
                .isTrue();

        RemoteJobsConfiguration.get().setSpoolQuotaMiB(0);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("state=Completed bytes=" + (2 << 20) + " last=32767", b);
        assertThat(monitor.isActivated()).isFalse();
        assertThat(manager.info(big.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }
}
