package io.jenkins.plugins.remotejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/**
 * J3: a kept job's output ({@code keepOnAgent: true}) received with {@code file:} into the workspace
 * of the agent that holds it, against a local {@code cp} of the same bytes on that agent (timed by
 * the agent itself, so the baseline pays for no step). {@code keep: true}, so every sample receives
 * the whole output of the same job; both destinations are deleted before each sample, so both
 * write a new file. One warm-up round, then alternating.
 */
final class KeptReceiveLane implements Lane {

    @Override
    public void run(Bench b) throws Exception {
        BenchSettings s = b.settings();
        String node = b.agent(0);
        WorkflowRun run = b.pipeline("kept-receive", """
                def k = remoteJob node: '%1$s', keepOnAgent: true, script: "cat '%2$s'"
                waitJob jobs: [k]
                if ("${k.state}" != 'Completed') { error "J3: job ${k.id} ended ${k.state}" }
                node('%1$s') {
                    String ws = pwd()
                    for (int i = 0; i <= %3$d; i++) {
                        AgentOps.delete('%1$s', ws + '/received.log')
                        AgentOps.delete('%1$s', ws + '/copied.log')
                        long t = System.nanoTime()
                        def n = receiveJob job: k, keep: true, file: 'received.log', quiet: true
                        long ours = System.nanoTime() - t
                        if (n != %4$d) { error "J3: received ${n} bytes" }
                        long cp = AgentOps.timedCopy('%1$s', '%2$s', ws + '/copied.log')
                        if (i > 0) {
                            Timings.record('J3.ours', ours)
                            Timings.record('J3.cp', cp)
                        }
                    }
                }
                removeJob job: k
                """.formatted(node, b.data(), s.bulkSamples(), s.bulkBytes()));
        FilePath ws = b.agents().get(0).getWorkspaceFor(run.getParent());
        assertThat(AgentOps.sha256(node, ws.child("received.log").getRemote()))
                .as("received")
                .isEqualTo(b.sha());

        Samples ours = Timings.take("J3.ours");
        Samples cp = Timings.take("J3.cp");
        b.report()
                .add(Row.ratioAtMost(
                        "J3",
                        s.mib() + " kept, receiveJob file: into the same agent's workspace vs cp there, median",
                        ours.medianSeconds(),
                        cp.medianSeconds(),
                        "s",
                        1.5));
        b.report().series("J3.ours", ours.describeMillis());
        b.report().series("J3.cp", cp.describeMillis());
    }
}
