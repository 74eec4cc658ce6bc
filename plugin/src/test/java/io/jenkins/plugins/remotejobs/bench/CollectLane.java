package io.jenkins.plugins.remotejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import java.io.File;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/**
 * J4: a job's output collected in controller mode (from {@code remoteJob} to {@code waitJob}
 * returning Completed: every byte in the controller's spool, synced), against moving the same bytes
 * from the agent's workspace to the controller the two ways Jenkins itself offers, {@code
 * archiveArtifacts} and {@code stash} (each timed alone, inside a node already held). One warm-up
 * round, then rounds alternating the three. The last collected job is received into the workspace,
 * the artifact and the stash are checked against the source's sha256.
 */
final class CollectLane implements Lane {

    @Override
    public void run(Bench b) throws Exception {
        BenchSettings s = b.settings();
        String node = b.agent(0);
        WorkflowRun run = b.pipeline("collect", """
                node('%1$s') { sh "cp '%2$s' data.log" }
                int rounds = %3$d
                for (int i = 0; i <= rounds; i++) {
                    boolean measured = i > 0
                    long t = System.nanoTime()
                    def j = remoteJob node: '%1$s', script: "cat '%2$s'"
                    waitJob jobs: [j]
                    long ours = System.nanoTime() - t
                    if ("${j.state}" != 'Completed') { error "J4: job ${j.id} ended ${j.state}" }
                    if (i == rounds) { node('%1$s') { receiveJob job: j, file: 'collected.log', quiet: true } }
                    removeJob job: j
                    node('%1$s') {
                        t = System.nanoTime()
                        archiveArtifacts artifacts: 'data.log'
                        long archived = System.nanoTime() - t
                        t = System.nanoTime()
                        stash name: 'data', includes: 'data.log'
                        long stashed = System.nanoTime() - t
                        if (measured) {
                            Timings.record('J4.ours', ours)
                            Timings.record('J4.archive', archived)
                            Timings.record('J4.stash', stashed)
                        }
                    }
                }
                node('%1$s') { dir('unstashed') { unstash 'data' } }
                """.formatted(node, b.data(), s.bulkSamples()));
        DumbSlave agent = b.agents().get(0);
        FilePath ws = agent.getWorkspaceFor(run.getParent());
        assertThat(AgentOps.sha256(node, ws.child("collected.log").getRemote()))
                .as("collected output")
                .isEqualTo(b.sha());
        assertThat(AgentOps.sha256(node, ws.child("unstashed/data.log").getRemote()))
                .as("unstashed")
                .isEqualTo(b.sha());
        File artifact = new File(run.getArtifactsDir(), "data.log");
        assertThat(new AgentOps.Sha256(artifact.getPath()).call())
                .as("artifact")
                .isEqualTo(b.sha());

        Samples ours = Timings.take("J4.ours");
        Samples archive = Timings.take("J4.archive");
        Samples stash = Timings.take("J4.stash");
        double mib = s.bulkBytes() / (double) (1 << 20);
        BenchReport report = b.report();
        report.add(Row.fasterThan(
                "J4",
                s.mib() + " collected in controller mode vs archiveArtifacts, median",
                ours.medianSeconds(),
                archive.medianSeconds(),
                "s",
                3));
        report.add(
                Row.infoFaster("J4", "  same, vs stash (x faster)", ours.medianSeconds(), stash.medianSeconds(), "s"));
        report.add(Row.info(
                "J4", "  context: controller-mode collection rate", mib / ours.medianSeconds(), "MiB/s", null));
        report.series("J4.ours", ours.describeMillis());
        report.series("J4.archive", archive.describeMillis());
        report.series("J4.stash", stash.describeMillis());
    }
}
