package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Computer;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.CpsFlowExecution;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A consuming {@code receiveJob} that Pipeline runs again after a crash lost its success: the
 * controller died after the receive consumed and wrote its file, before Pipeline saved the build's
 * program. The step run again hands out what it consumed before, so the file is written again
 * whole. (Resumed in the middle of its wait, see {@code DurableJobsTest}.)
 */
class LostStepResultTest {

    private static final Duration CEILING = Duration.ofSeconds(120);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    /**
     * The crash is the build's own files as they were while the receive waited: its directory
     * (program, flow nodes, log) is put back as it was then, after the receive had consumed, written
     * its file and Pipeline had gone on; the job table keeps what it recorded since. That is what a
     * power loss right after the step's work leaves on the disk, with a real restart in between.
     */
    @Test
    void aReceiveWhoseSuccessACrashLostIsRunAgainAndWritesTheSameFile() throws Throwable {
        Path firstGate = tmp.resolve("first-gate");
        Path secondGate = tmp.resolve("second-gate");
        Path before = tmp.resolve("build-while-receiving");
        Path[] buildDir = new Path[1];
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', script: 'echo first; while [ ! -e %s ]; do sleep 0.05; done; echo second'
                    node('%1$s') {
                        echo 'receiving'
                        receiveJob job: j, wait: true, file: 'out.txt'
                        echo 'received'
                    }
                    def k = remoteJob node: '%1$s', script: 'while [ ! -e %s ]; do sleep 0.05; done'
                    waitJob jobs: [k]
                    echo "state=${j.state} more=${j.hasMoreData}"
                    """.formatted(agent.getNodeName(), firstGate, secondGate), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("receiving", b);
            awaitStepRunning(b, "receiveJob");
            ((CpsFlowExecution) b.getExecution()).waitForSuspension(); // its program is on the disk
            copyTree(b.getRootDir().toPath(), before);

            Files.createFile(firstGate);
            r.waitForMessage("received", b);
            assertThat(agent.getWorkspaceFor(p).child("out.txt").readToString()).isEqualTo("first\nsecond\n");
            awaitStepRunning(b, "waitJob");
            buildDir[0] = b.getRootDir().toPath();
        });
        deleteTree(buildDir[0]);
        copyTree(before, buildDir[0]);
        Files.createFile(secondGate);
        sessions.then(r -> {
            DumbSlave agent = (DumbSlave) r.jenkins.getNode("slave0");
            reconnect(agent.toComputer());
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(JenkinsRule.getLog(b)).as("the receive ran again").containsOnlyOnce("received");
            r.assertLogContains("state=Completed more=false", b);
            assertThat(agent.getWorkspaceFor(b.getParent()).child("out.txt").readToString())
                    .as("written again with what the lost run had consumed")
                    .isEqualTo("first\nsecond\n");
        });
    }

    /** Waits until the build runs the step {@code name} (its execution has begun and not ended). */
    private static void awaitStepRunning(WorkflowRun b, String name) {
        await().atMost(CEILING).until(() -> {
            List<StepExecution> running =
                    b.getExecution().getCurrentExecutions(false).get();
            return running.stream().anyMatch(e -> String.valueOf(e.getStatus()).contains(name));
        });
    }

    /** After a restart the agent comes back as Jenkins brings it back; its jobs wait for it meanwhile. */
    private static void reconnect(Computer agent) throws Exception {
        if (!agent.isOnline()) {
            agent.connect(false).get();
        }
        await().atMost(CEILING).until(agent::isOnline);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
