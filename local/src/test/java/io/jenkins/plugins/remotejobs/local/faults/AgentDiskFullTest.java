package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R4 for real, where the machine allows it: the agent's job cache on a file system of 4 MiB (a
 * size-limited tmpfs, which needs root and a kernel that lets it mount; CI machines usually do not,
 * and then this test is skipped and {@link DiskFullTest} stands alone). A job fills the disk: it
 * fails with the reason, the agent and the controller go on, what was received before is intact,
 * and once the space is freed jobs run again.
 */
class AgentDiskFullTest {

    @TempDir
    static Path tmp;

    static Path cache;
    static boolean mounted;
    static LocalHost host;
    static ScriptFixture scripts;
    static Path generator;

    @BeforeAll
    static void mountASmallDiskAndStart() throws Exception {
        cache = Files.createDirectories(tmp.resolve("home/agents/agent-1/cache"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", cache.toString()) == 0;
        assumeThat(mounted)
                .as("a 4 MiB tmpfs can be mounted here (root, and a kernel that allows it)")
                .isTrue();
        host = LocalHost.start(tmp.resolve("home"), 1, Limits.defaults());
        scripts = new ScriptFixture(host, tmp);
        generator = KnownOutput.writeGenerator(tmp.resolve("bin"));
    }

    @AfterAll
    static void stopAndUnmount() throws Exception {
        try {
            if (host != null) {
                scripts.stopEverything();
                host.close();
            }
        } finally {
            if (mounted && run("umount", cache.toString()) != 0) {
                run("umount", "-l", cache.toString());
            }
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aJobThatFillsTheAgentsDiskFailsWithTheReasonAndTheAgentGoesOn() throws Exception {
        long agentPid = host.agents().pid("agent-1").orElseThrow();
        KnownOutput before = new KnownOutput("r4-real", 10, 100_000, "0");
        var r = scripts.run("""
                def a = remoteJob node: 'agent-1', name: 'before', script: %s
                def k = remoteJob node: 'agent-1', name: 'kept-before', keepOnAgent: true, script: 'echo kept'
                waitJob jobs: [a, k], timeout: 120
                echo "before=${a.state}"
                receiveJob job: a, file: 'real/before.txt', quiet: true
                def f = remoteJob node: 'agent-1', name: 'filler', keepOnAgent: true, script: 'yes filler | head -c 20000000'
                waitJob jobs: [f], timeout: 120
                echo "filler=${f.state} ${f.exitCode}"
                echo "fillerReason=${f.reason}"
                def g = remoteJob node: 'agent-1', name: 'on-a-full-disk', script: 'echo hi'
                waitJob jobs: [g], timeout: 120
                echo "full=${g.state}"
                echo "fullReason=${g.reason}"
                echo "kept=${receiveJob(job: k, keep: true, quiet: true).trim()}"
                removeJob job: f
                def h = remoteJob node: 'agent-1', name: 'after', script: 'echo room again'
                waitJob jobs: [h], timeout: 120
                echo "after=${h.state} ${receiveJob(job: h, quiet: true).trim()}"
                """.formatted(PlannedJob.groovyString(before.command(generator))));
        System.out.println(r.log());
        r.ok();
        StreamCheck check = new StreamCheck();
        check.check(
                "received before the disk filled",
                before,
                scripts.workingDirectory().resolve("real/before.txt"));
        Figures.of("R4")
                .put("side", "agent")
                .put("disk", "tmpfs-4MiB")
                .put("filler", r.value("filler").replace(' ', '/'))
                .put("launchOnFullDisk", r.value("full"))
                .put("lost", check.lost)
                .put("duplicated", check.duplicated)
                .print();
        assertThat(r.value("before")).isEqualTo("Completed");
        assertThat(r.value("filler")).startsWith("Failed");
        assertThat(r.value("fillerReason")).contains("the agent's disk is full");
        assertThat(r.value("kept")).isEqualTo("kept");
        assertThat(r.value("after")).isEqualTo("Completed room again");
        assertThat(check.problems).isEmpty();
        assertThat(host.agents().pid("agent-1")).hasValue(agentPid);
    }
}
