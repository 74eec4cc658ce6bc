package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.slaves.DumbSlave;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A thousand {@code waitJob} steps waiting at once cost the controller a bounded number of threads:
 * the steps complete from the engine's events, as {@code lock} and {@code input} do, instead of
 * each blocking a thread.
 */
@WithJenkins
class WaitingStepsScaleTest {

    private static final int WAITS = 1000;

    @TempDir
    Path tmp;

    @Test
    void aThousandWaitingStepsHoldNoThreadEach(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Path gate = tmp.resolve("gate");
        WorkflowJob p = Pipelines.create(r, "p", """
                def j = remoteJob node: '%s', script: 'while [ ! -e %s ]; do sleep 0.1; done; echo let go'
                def branches = [:]
                for (int i = 0; i < %d; i++) {
                    branches["w${i}"] = { waitJob jobs: [j] }
                }
                parallel branches
                echo "all ended: ${j.state}"
                """.formatted(agent.getNodeName(), gate, WAITS));
        var threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        var manager = RemoteJobsService.get().steps().manager();
        await().atMost(Duration.ofSeconds(300)).until(() -> manager.waitsInProgress() == WAITS);
        int waiting = threads.getThreadCount();
        assertThat(b.isBuilding()).isTrue();

        Files.createFile(gate);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("all ended: Completed", b);
        assertThat(manager.waitsInProgress()).isZero();
        assertThat(waiting - before)
                .as("threads added while %d waitJob steps waited (before: %d)", WAITS, before)
                .isLessThan(50);
    }
}
