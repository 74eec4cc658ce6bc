package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.remoting.CopyOnAgent;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.logging.Level;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code receiveJob file:} in reused workspaces: the file is replaced atomically, whatever its name;
 * a job kept on an agent is copied into that agent's workspace there.
 */
@WithJenkins
class WorkspaceFilesTest {

    @Test
    void twoBuildsReceivingIntoTheSameFileEachLeaveTheirOwnOutput(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = Pipelines.create(r, "p", """
                def j = remoteJob node: '%1$s', script: 'echo "build $BUILD_MARK"', env: ["BUILD_MARK=${currentBuild.number}"]
                waitJob jobs: [j]
                node('%1$s') {
                    receiveJob job: j, file: 'out.txt'
                    receiveJob job: j, keep: true, file: 'x'
                }
                """.formatted(agent.getNodeName()));

        r.buildAndAssertSuccess(p);
        WorkflowRun second = r.buildAndAssertSuccess(p);

        assertThat(agent.getWorkspaceFor(p).child("out.txt").readToString()).isEqualTo("build 2\n");
        assertThat(agent.getWorkspaceFor(p).child("x").exists()).isTrue();
        r.assertLogContains("receiveJob: wrote 8 bytes of job", second);
        assertThat(agent.getWorkspaceFor(p).list()).noneMatch(f -> f.getName().startsWith(".receiving-"));
        // The umask's permissions, as a file the build wrote itself would have; not owner-only.
        FilePath plain = agent.getWorkspaceFor(p).child("plain.txt");
        plain.write("", "UTF-8");
        assertThat(agent.getWorkspaceFor(p).child("out.txt").mode()).isEqualTo(plain.mode());
    }

    @Test
    void aKeptJobIsCopiedIntoItsOwnAgentsWorkspaceThereAndIntoAnotherAgentsThroughTheController(JenkinsRule r)
            throws Exception {
        DumbSlave holder = r.createOnlineSlave();
        DumbSlave other = r.createOnlineSlave();
        WorkflowJob p = Pipelines.create(r, "p", """
                def j = remoteJob node: '%1$s', keepOnAgent: true, name: 'big',
                        script: 'head -c 5000017 /dev/urandom; echo done >&2'
                waitJob jobs: [j]
                node('%1$s') {
                    receiveJob job: j, keep: true, file: 'kept.bin'
                }
                node('%2$s') {
                    receiveJob job: j, keep: true, file: 'elsewhere.bin'
                }
                node('%1$s') {
                    receiveJob job: j, stream: 'both', file: 'out/both.bin'
                    echo "again: ${receiveJob job: j, file: 'again.bin'} bytes"
                }
                """.formatted(holder.getNodeName(), other.getNodeName()));

        WorkflowRun run;
        try (LogRecorder copies =
                new LogRecorder().record(CopyOnAgent.class, Level.FINE).capture(10)) {
            run = r.buildAndAssertSuccess(p);
            // The two receives into the holder's workspace copied there; the other agent's did not.
            assertThat(copies.getMessages())
                    .filteredOn(m -> m.endsWith(" on " + holder.getNodeName()))
                    .hasSize(3); // kept.bin, then both.bin's stdout and stderr
            assertThat(copies.getMessages()).noneMatch(m -> m.endsWith(" on " + other.getNodeName()));
        }

        JobRecord job = ControllerJobs.only("big");
        FilePath cached = holder.getRootPath().child("remote-jobs").child(job.instanceId());
        FilePath ws = holder.getWorkspaceFor(p);
        assertThat(cached.child("stdout").length()).isEqualTo(5000017);
        assertThat(sha256(ws.child("kept.bin"))).isEqualTo(sha256(cached.child("stdout")));
        assertThat(sha256(other.getWorkspaceFor(p).child("elsewhere.bin"))).isEqualTo(sha256(cached.child("stdout")));
        assertThat(sha256(ws.child("out/both.bin"))).isEqualTo(sha256(cached.child("stdout"), cached.child("stderr")));
        r.assertLogContains("again: 0 bytes", run);
        assertThat(ws.child("again.bin").length()).isZero();
        assertThat(RemoteJobsService.get()
                        .steps()
                        .manager()
                        .info(job.id())
                        .orElseThrow()
                        .hasMoreData())
                .isFalse();
        assertThat(ws.list()).noneMatch(f -> f.getName().startsWith(".receiving-"));
        assertThat(ws.child("out").list()).noneMatch(f -> f.getName().startsWith(".receiving-"));
    }

    private static String sha256(FilePath... files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (FilePath f : files) {
            try (InputStream in = f.read()) {
                digest.update(in.readAllBytes());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
