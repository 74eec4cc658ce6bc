package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R4 for real, where the machine allows it: the agent's job cache on a file system of 4 MiB (a
 * size-limited tmpfs, which needs root and a kernel that lets it mount; CI machines usually do not,
 * and then this test is skipped and {@link DiskFullTest} stands alone). A job fills the disk: it
 * fails with the reason, the agent and the controller go on, what was received before is intact,
 * and once the space is freed jobs run again.
 */
class AgentDiskFullTest {

    @RegisterExtension
    static final LocalHostExtension local =
            LocalHostExtension.withAgents(1).preparedBy(AgentDiskFullTest::mountASmallDisk);

    static Path generator;

    /** The agent's cache on a 4 MiB tmpfs before the agent starts; unmounted once the host has closed. */
    static AutoCloseable mountASmallDisk(LocalHostExtension extension) throws Exception {
        Path cache = Files.createDirectories(extension.home().resolve("agents/agent-1/cache"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", cache.toString()) == 0;
        assumeThat(mounted)
                .as("a 4 MiB tmpfs can be mounted here (root, and a kernel that allows it)")
                .isTrue();
        return () -> {
            if (run("umount", cache.toString()) != 0) {
                run("umount", "-l", cache.toString());
            }
        };
    }

    @BeforeAll
    static void writeTheGenerator() throws Exception {
        generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aJobThatFillsTheAgentsDiskFailsWithTheReasonAndTheAgentGoesOn() throws Exception {
        long agentPid = local.host().agents().pid("agent-1").orElseThrow();
        KnownOutput before = new KnownOutput("r4-real", 10, 100_000, "0");
        var r = local.scripts().run("""
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
                local.scripts().workingDirectory().resolve("real/before.txt"));
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
        assertThat(local.host().agents().pid("agent-1")).hasValue(agentPid);
    }
}
