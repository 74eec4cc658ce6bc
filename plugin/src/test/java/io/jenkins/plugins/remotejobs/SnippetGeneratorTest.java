package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import io.jenkins.plugins.remotejobs.steps.GetJobStep;
import io.jenkins.plugins.remotejobs.steps.ReceiveJobStep;
import io.jenkins.plugins.remotejobs.steps.RemoteJobStep;
import io.jenkins.plugins.remotejobs.steps.RemoveJobStep;
import io.jenkins.plugins.remotejobs.steps.StopJobStep;
import io.jenkins.plugins.remotejobs.steps.WaitJobStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator (Pipeline Syntax) turns each step's form into a call that runs as it is.
 * The forms are posted the way the page posts them: every field of the step's {@code config.jelly}
 * with its blank or default value, overlaid with what a user typed.
 */
@WithJenkins
class SnippetGeneratorTest {

    private static final List<Class<? extends Step>> STEPS = List.of(
            RemoteJobStep.class,
            GetJobStep.class,
            ReceiveJobStep.class,
            WaitJobStep.class,
            StopJobStep.class,
            RemoveJobStep.class);

    /** One {@code <f:entry field="x">} and the control inside it, with its attributes. */
    private static final Pattern ENTRY = Pattern.compile("<f:entry field=\"([^\"]+)\"[^>]*>\\s*<f:(\\w+)([^>]*?)/>");

    private static final Pattern DEFAULT = Pattern.compile("\\bdefault=\"([^\"]*)\"");

    @Test
    void everyFormFieldIsAStepPropertyWithHelp(JenkinsRule r) throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<? extends Step> step : STEPS) {
            assertThat(r.jenkins.getDescriptor(step))
                    .as("%s is registered", step.getSimpleName())
                    .isNotNull();
            DescribableModel<?> model = DescribableModel.of(step);
            assertThat(model.getHelp()).as("%s help.html", step.getSimpleName()).isNotBlank();
            for (String field : blankForm(step).keySet()) {
                DescribableParameter parameter = model.getParameter(field);
                assertThat(parameter)
                        .as("%s: form field %s binds to a @DataBoundSetter", step.getSimpleName(), field)
                        .isNotNull();
                assertThat(parameter.getHelp())
                        .as("%s: help-%s.html", step.getSimpleName(), field)
                        .isNotBlank();
                checked.add(step.getSimpleName() + "." + field);
            }
        }
        assertThat(checked).contains("WaitJobStep.jobIds", "RemoteJobStep.script", "ReceiveJobStep.stream");
    }

    @Test
    void theGeneratedSnippetsOfEveryStepRunAsTheyAre(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String node = agent.getNodeName();
        JenkinsRule.WebClient wc = r.createWebClient();

        String startSnip =
                generate(r, wc, RemoteJobStep.class, Map.of("node", node, "script", "echo snipped", "name", "snip"));
        assertThat(startSnip).isEqualTo("remoteJob name: 'snip', node: '" + node + "', script: 'echo snipped'");
        String startSlow =
                generate(r, wc, RemoteJobStep.class, Map.of("node", node, "script", "sleep 300", "name", "slow"));
        assertThat(startSlow).isEqualTo("remoteJob name: 'slow', node: '" + node + "', script: 'sleep 300'");

        WorkflowJob p = Pipelines.create(r, "snippets", startSnip + "\n" + startSlow + "\n");
        r.buildAndAssertSuccess(p);
        long snip = onlyId("snip");
        long slow = onlyId("slow");

        // The form's ids field, in the two shapes the generator writes: the sole argument, and with others.
        String waitOne = generate(r, wc, WaitJobStep.class, Map.of("jobIds", " " + snip + " "));
        assertThat(waitOne).isEqualTo("waitJob(jobs: [" + snip + "])");
        String waitAny = generate(
                r, wc, WaitJobStep.class, Map.of("jobIds", snip + ",  " + slow, "any", true, "timeout", "120"));
        assertThat(waitAny).isEqualTo("waitJob any: true, jobs: [" + snip + ", " + slow + "], timeout: 120");

        String receive = generate(r, wc, ReceiveJobStep.class, Map.of("name", "snip", "quiet", true));
        assertThat(receive).isEqualTo("receiveJob name: 'snip', quiet: true");
        String list = generate(r, wc, GetJobStep.class, Map.of("name", "s*"));
        assertThat(list).isEqualTo("getJob name: 's*'");
        String stop = generate(r, wc, StopJobStep.class, Map.of("name", "slow"));
        assertThat(stop).isEqualTo("stopJob name: 'slow'");
        String removeSlow = generate(r, wc, RemoveJobStep.class, Map.of("name", "slow", "force", true));
        assertThat(removeSlow).isEqualTo("removeJob force: true, name: 'slow'");
        String removeSnip = generate(r, wc, RemoveJobStep.class, Map.of("name", "snip"));
        assertThat(removeSnip).isEqualTo("removeJob name: 'snip'");

        p.setDefinition(new CpsFlowDefinition(
                String.join(
                        "\n",
                        waitOne,
                        "echo 'snip ended: ' + getJob(id: " + snip + ", quiet: true)[0].state",
                        "def ended = " + waitAny,
                        "echo \"ended=${ended.size()} ${ended[0].name} ${ended[0].state}\"",
                        "def out = " + receive,
                        "echo \"out=${out.trim()}\"",
                        list,
                        stop,
                        "echo 'slow=' + getJob(name: 'slow', quiet: true)[0].state",
                        removeSlow,
                        removeSnip,
                        "echo \"left=${getJob(all: true, quiet: true).size()}\"",
                        ""),
                true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("snip ended: Completed", b);
        r.assertLogContains("ended=1 snip Completed", b);
        r.assertLogContains("out=snipped", b);
        r.assertLogContains("Id  Name  State", b);
        r.assertLogContains("slow=Stopped", b);
        r.assertLogContains("left=0", b);
    }

    @Test
    void badJobIdsAreFlaggedInTheFormAndNamedByTheEngineWhenRun(JenkinsRule r) throws Exception {
        WaitJobStep.DescriptorImpl d = r.jenkins.getDescriptorByType(WaitJobStep.DescriptorImpl.class);
        assertThat(d.doCheckJobIds("3, 4 7").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckJobIds("  ").kind).isEqualTo(FormValidation.Kind.ERROR);
        FormValidation bad = d.doCheckJobIds("3, build-7");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("build-7").contains("is not a job id");
        assertThat(d.doCheckJobIds("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckJobIds("99999999999999999999").kind).isEqualTo(FormValidation.Kind.ERROR);

        // Generated anyway, the call carries the bad item as text, and the engine names it.
        String snippet = generate(r, r.createWebClient(), WaitJobStep.class, Map.of("jobIds", "3 build-7"));
        assertThat(snippet).isEqualTo("waitJob(jobs: [3, 'build-7'])");
        WorkflowJob p = Pipelines.create(r, "bad-ids", snippet);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("waitJob: argument 'jobs[1]' must be a job handle or a job id", b);

        // The same text through the Java API the generator uses: ids become the jobs argument, nothing else.
        WaitJobStep step = new WaitJobStep();
        step.setJobIds("5,6");
        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("waitJob(jobs: [5, 6])");
        step.setJobIds(" ");
        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("waitJob()");
    }

    /** The step's id by its unique name in the controller's job table. */
    private static long onlyId(String name) throws IOException {
        var jobs = RemoteJobsService.get().steps().manager().table().byName(name);
        assertThat(jobs).as("jobs named %s", name).hasSize(1);
        return jobs.get(0).id();
    }

    /**
     * Posts {@code values} over the step's blank form to {@code pipeline-syntax/generateSnippet}, as
     * the Pipeline Syntax page does, and returns the text it answers (the snippet, or an error).
     */
    private static String generate(
            JenkinsRule r, JenkinsRule.WebClient wc, Class<? extends Step> step, Map<String, Object> values)
            throws Exception {
        Map<String, Object> form = blankForm(step);
        assertThat(form)
                .as("fields of %s's form", step.getSimpleName())
                .containsKeys(values.keySet().toArray(String[]::new));
        form.putAll(values);
        JSONObject json = new JSONObject();
        json.put("stapler-class", step.getName());
        json.put("$class", step.getName());
        form.forEach(json::put);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(Snippetizer.GENERATE_URL), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", json.toString())));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse().getContentAsString().trim();
    }

    /** Every field of the step's config.jelly with the value the page submits when left alone. */
    private static Map<String, Object> blankForm(Class<? extends Step> step) throws IOException {
        String jelly;
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/config.jelly")) {
            assertThat(in).as("%s/config.jelly", step.getSimpleName()).isNotNull();
            jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> form = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(jelly);
        while (m.find()) {
            Matcher d = DEFAULT.matcher(m.group(3));
            String initial = d.find() ? d.group(1) : "";
            form.put(m.group(1), m.group(2).equals("checkbox") ? Boolean.valueOf(initial) : initial);
        }
        assertThat(form).as("fields of %s/config.jelly", step.getSimpleName()).isNotEmpty();
        return form;
    }
}
