package io.jenkins.plugins.remotejobs.local.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.local.transport.TestAgentMain;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How agents start, fail to start and end, with real JVMs. */
@Tag("slow") // starts real agent JVMs
class AgentLifetimeTest {

    @TempDir
    Path home;

    @Test
    void closeStopsEveryAgent() throws Exception {
        LocalAgents agents = LocalAgents.start(launcher(), 2);
        List<ProcessHandle> processes = agents.nodes().stream()
                .map(n -> ProcessHandle.of(agents.pid(n).orElseThrow()).orElseThrow())
                .toList();

        agents.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(agents.connect("agent-1")).isEmpty();
        assertThat(agents.pid("agent-2")).isEmpty();
    }

    @Test
    void agentsExitWhenTheirControllerJvmIsKilled() throws Exception {
        Process controller = new ProcessBuilder(TestJvm.command(TestControllerMain.class, home.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            long agentPid = readAgentPid(controller);
            ProcessHandle agent = ProcessHandle.of(agentPid).orElseThrow();

            controller.destroyForcibly(); // SIGKILL: no shutdown hook, no close()

            await().atMost(Duration.ofSeconds(60)).until(() -> !agent.isAlive());
        } finally {
            controller.destroyForcibly();
        }
    }

    @Test
    void anAgentThatCannotStartIsReportedWithTheEndOfItsLog() {
        AgentLauncher broken = new AgentLauncher(home, AgentSecret.generate()).withMainClass("no.such.AgentMain");

        assertThatThrownBy(() -> LocalAgents.start(broken, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("agent-1 did not start: exited before it was ready (exit code 1)")
                .hasMessageContaining("agent.log")
                .hasMessageContaining("no.such.AgentMain");
    }

    @Test
    void anAgentThatDoesNotBecomeReadyInTimeIsKilledAndReported() throws Exception {
        AgentLauncher slow = launcher().withReadyTimeout(Duration.ofMillis(1));

        AgentProcess agent = slow.start("agent-1");

        assertThatThrownBy(agent::awaitReady)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not report ready");
        await().atMost(Duration.ofSeconds(30)).until(() -> !agent.isAlive());
    }

    private AgentLauncher launcher() {
        return new AgentLauncher(home, AgentSecret.generate()).withMainClass(TestAgentMain.class.getName());
    }

    private static long readAgentPid(Process controller) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(controller.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Optional<String> pid = line.startsWith("AGENT-PID ") ? Optional.of(line.substring(10)) : Optional.empty();
            if (pid.isPresent()) {
                return Long.parseLong(pid.get().trim());
            }
        }
        throw new IOException("the test controller exited without starting its agent");
    }
}
