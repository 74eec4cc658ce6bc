package io.jenkins.plugins.remotejobs;

import static io.jenkins.plugins.remotejobs.ControllerJobs.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Computer;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A job's page: a running job's output appears as it is written, without reloading the page (as a
 * build's console does), escaped; the download link gives the whole output, however large.
 */
@WithJenkins
class JobPageTest {

    @TempDir
    Path tmp;

    @Test
    void aRunningJobsOutputAppearsLiveWithoutReloadingThePage(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Path gate = tmp.resolve("gate");
        WorkflowJob p = Pipelines.create(r, "p", """
                remoteJob node: '%s', name: 'live', keepOnAgent: true,
                    script: 'echo "first <b>line</b>"; while [ ! -e %s ]; do sleep 0.1; done; echo "second line"'
                """.formatted(agent.getNodeName(), gate));
        r.buildAndAssertSuccess(p);
        JobManager manager = RemoteJobsService.get().steps().manager();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> manager.info(only("live").id()).orElseThrow().hasMoreData());

        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.goTo("remote-jobs/job/" + only("live").id() + "/");
        assertThat(page.querySelectorAll(".jenkins-breadcrumbs__list-item"))
                .as("breadcrumbs")
                .extracting(n -> n.getTextContent().trim())
                .contains("Remote Jobs", "Remote job " + only("live").id() + ": live");
        var output = page.getElementById("remote-job-output");
        assertThat(output.getTextContent()).contains("first <b>line</b>");
        assertThat(output.getElementsByTagName("b").getLength())
                .as("output is text, not markup")
                .isZero();

        Files.createFile(gate);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> page.getElementById("remote-job-output")
                        .getTextContent()
                        .contains("second line"));
        assertThat(page.getElementById("remote-job-output").getTextContent())
                .as("each line once, in order, on the same page")
                .containsOnlyOnce("first <b>line</b>")
                .containsOnlyOnce("second line");
        assertThat(manager.info(only("live").id()).orElseThrow().hasMoreData())
                .as("viewing consumes nothing")
                .isTrue();
    }

    @Test
    void theDownloadLinkGivesTheWholeOutput(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        // 3 MiB: 49,152 lines of 64 bytes.
        WorkflowJob p = Pipelines.create(r, "p", """
                def j = remoteJob node: '%s', name: 'big',
                    script: 'i=0; while [ $i -lt 49152 ]; do printf "%%063d\\\\n" $i; i=$((i+1)); done'
                waitJob jobs: [j]
                """.formatted(agent.getNodeName()));
        r.buildAndAssertSuccess(p);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ControllerJobs.state(only("big").id()) == JobState.COMPLETED);

        JenkinsRule.WebClient wc = r.createWebClient();
        byte[] body = wc.goTo("remote-jobs/job/" + only("big").id() + "/raw?stream=stdout", "application/octet-stream")
                .getWebResponse()
                .getContentAsStream()
                .readAllBytes();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 49152; i++) {
            expected.update(String.format("%063d%n", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(body.length).isEqualTo(3 << 20);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void anAdministratorAdoptsAJobNoRecordKnowsFromItsAgentsPageAndRemovesItFromItsJobPage(JenkinsRule r)
            throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String orphan = io.jenkins.plugins.remotejobs.protocol.JobIds.newInstanceId();
        // What a controller that lost its records finds: a job on the agent that no record knows.
        RemoteJobsService.get()
                .directory()
                .connect(agent.getNodeName())
                .orElseThrow()
                .launch(new io.jenkins.plugins.remotejobs.protocol.LaunchRequest(
                        orphan, "orphan", "sh", "echo lost and found", null, java.util.List.of(), 0, true));
        Logins.adminAnd(r, "reader", Jenkins.READ, Computer.EXTENDED_READ);
        String agentPage = "computer/" + agent.getNodeName() + "/remote-jobs/";

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        assertThat(reader.goTo(agentPage).asNormalizedText()).contains("orphan");
        assertThat(reader.goTo(agentPage).getForms())
                .as("no Adopt button without Overall/Administer")
                .noneMatch(f -> "adopt".equals(f.getNameAttribute()));
        reader.setThrowExceptionOnFailingStatusCode(false);
        var refused = reader.getPage(reader.addCrumb(new org.htmlunit.WebRequest(
                reader.createCrumbedUrl(agentPage + "adopt?instanceId=" + orphan), org.htmlunit.HttpMethod.POST)));
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        r.submit(admin.goTo(agentPage).getFormByName("adopt"));

        JobRecord adopted = RemoteJobsService.get()
                .steps()
                .manager()
                .table()
                .byInstanceId(orphan)
                .orElseThrow();
        assertThat(adopted.owner()).as("left to administrators").isNull();
        await().atMost(Duration.ofSeconds(60)).until(() -> ControllerJobs.state(adopted.id()) == JobState.COMPLETED);
        assertThat(admin.goTo("remote-jobs/job/" + adopted.id() + "/").asNormalizedText())
                .contains("lost and found");
        r.submit(admin.goTo("remote-jobs/job/" + adopted.id() + "/").getFormByName("remove"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RemoteJobsService.get()
                        .steps()
                        .manager()
                        .table()
                        .byInstanceId(orphan)
                        .isEmpty());
        assertThat(Path.of(agent.getRemoteFS(), "remote-jobs", orphan)).doesNotExist();
    }

    @Test
    void removeReturnsAtOnceAndTheTableSaysWhyARemovalFailed(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Pipelines.startRemoteJob(r, "p", agent, "name: 'busy', script: 'sleep 300'");
        long id = only("busy").id();
        JenkinsRule.WebClient wc = r.createWebClient();

        HtmlPage jobPage = wc.goTo("remote-jobs/job/" + id + "/");
        HtmlPage table = r.submit(jobPage.getFormByName("remove"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> wc.goTo("remote-jobs/").asNormalizedText().contains("could not be removed"));
        assertThat(wc.goTo("remote-jobs/").asNormalizedText())
                .contains("Job " + id + " could not be removed: removeJob: job " + id + " ('busy') is Running");
        assertThat(table.getUrl().toString()).endsWith("/remote-jobs/");

        HtmlPage again = wc.goTo("remote-jobs/job/" + id + "/");
        var form = again.getFormByName("remove");
        form.getInputByName("force").setChecked(true);
        r.submit(form);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RemoteJobsService.get()
                        .steps()
                        .manager()
                        .table()
                        .get(id)
                        .isEmpty());
        assertThat(wc.goTo("remote-jobs/").asNormalizedText()).doesNotContain("Job " + id);
    }
}
