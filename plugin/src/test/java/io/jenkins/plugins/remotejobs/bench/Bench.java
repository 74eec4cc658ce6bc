package io.jenkins.plugins.remotejobs.bench;

import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.DurabilityHintJobProperty;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What every lane shares: the Jenkins, its agents (separate JVMs, one executor each), the test data
 * on the first agent and its sha256, the settings and the report.
 *
 * <p>The pipelines remove each job outside every measurement.
 *
 * @param data absolute path of the log-like test file on {@code agents.get(0)}
 */
record Bench(
        JenkinsRule r, List<DumbSlave> agents, BenchSettings settings, BenchReport report, String data, String sha) {

    String agent(int i) {
        return agents.get(i).getNodeName();
    }

    /**
     * Runs a pipeline to success. Not sandboxed: the pipelines time their own steps with {@code
     * System.nanoTime()} and hand the figures to {@link Timings}, which the sandbox would refuse.
     */
    WorkflowRun pipeline(String name, String body) throws Exception {
        return pipeline(name, body, null);
    }

    /** The same, with a durability other than Jenkins' default (maximum survivability) when not null. */
    WorkflowRun pipeline(String name, String body, FlowDurabilityHint durability) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        if (durability != null) {
            p.addProperty(new DurabilityHintJobProperty(durability));
        }
        p.setDefinition(new CpsFlowDefinition("import io.jenkins.plugins.remotejobs.bench.*\n" + body, false));
        return r.buildAndAssertSuccess(p);
    }
}
