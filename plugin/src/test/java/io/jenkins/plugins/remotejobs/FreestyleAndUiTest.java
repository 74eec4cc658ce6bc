package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.builders.ReceiveRemoteJobBuilder;
import io.jenkins.plugins.remotejobs.builders.StartRemoteJobBuilder;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleAndUiTest {

    @Test
    void freestyleStartsWaitsAndReceives(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        FreeStyleProject p = r.createFreeStyleProject("fs");
        StartRemoteJobBuilder start = new StartRemoteJobBuilder(agent.getNodeName(), "echo from-freestyle");
        start.setName("fs-job");
        start.setKeepOnAgent(true);
        start.setWaitForEnd(true);
        p.getBuildersList().add(start);
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        r.assertLogContains("from-freestyle", b);
        // Showing is not consuming: the output kept on the agent is still there for a receive.
        var manager = RemoteJobsService.get().steps().manager();
        assertThat(manager.table().byName("fs-job"))
                .singleElement()
                .satisfies(job -> assertThat(manager.info(job).hasMoreData()).isTrue());

        FreeStyleProject failing = r.createFreeStyleProject("fs-fail");
        StartRemoteJobBuilder bad = new StartRemoteJobBuilder(agent.getNodeName(), "exit 3");
        bad.setWaitForEnd(true);
        failing.getBuildersList().add(bad);
        r.buildAndAssertStatus(Result.FAILURE, failing);

        FreeStyleProject later = r.createFreeStyleProject("fs-later");
        StartRemoteJobBuilder kept = new StartRemoteJobBuilder(agent.getNodeName(), "echo kept-for-later");
        kept.setName("later");
        kept.setKeepOnAgent(true);
        later.getBuildersList().add(kept);
        later.getBuildersList().add(new ReceiveRemoteJobBuilder("later"));
        r.assertLogContains("kept-for-later", r.buildAndAssertSuccess(later));
    }

    @Test
    void pagesShowJobsEscapedAndStopNeedsPostAndPermission(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        FreeStyleProject p = r.createFreeStyleProject("owner");
        StartRemoteJobBuilder start = new StartRemoteJobBuilder(agent.getNodeName(), "sleep 300");
        start.setName("<img src=x onerror=alert(1)>");
        p.getBuildersList().add(start);
        r.buildAndAssertSuccess(p);
        long id = RemoteJobsService.get().steps().manager().table().all().get(0).id();

        Logins.adminAnd(r, "reader", Jenkins.READ, Item.READ);

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        HtmlPage table = reader.goTo("remote-jobs/");
        assertThat(table.asXml()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        HtmlPage page = reader.goTo("remote-jobs/job/" + id + "/");
        assertThat(page.asNormalizedText()).contains("Running");
        assertThat(page.getForms())
                .as("no Stop button without Item/CANCEL")
                .noneMatch(f -> "stop".equals(f.getNameAttribute()));

        reader.setThrowExceptionOnFailingStatusCode(false);
        var forbidden = reader.getPage(reader.addCrumb(
                new WebRequest(reader.createCrumbedUrl("remote-jobs/job/" + id + "/stop"), HttpMethod.POST)));
        assertThat(forbidden.getWebResponse().getStatusCode()).isEqualTo(403);

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);
        var get = admin.goTo("remote-jobs/job/" + id + "/stop", null);
        assertThat(get.getWebResponse().getStatusCode()).isIn(404, 405);
        admin.getPage(admin.addCrumb(
                new WebRequest(admin.createCrumbedUrl("remote-jobs/job/" + id + "/stop"), HttpMethod.POST)));
        // The stop goes on off the request thread; the page shows the state the agent reports.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> ControllerJobs.state(id).label().equals("Stopped"));
        assertThat(admin.goTo("remote-jobs/api/json", "application/json")
                        .getWebResponse()
                        .getContentAsString())
                .contains("\"state\":\"Stopped\"");
    }
}
