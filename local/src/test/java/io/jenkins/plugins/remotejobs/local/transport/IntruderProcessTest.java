package io.jenkins.plugins.remotejobs.local.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.local.agents.AgentLauncher;
import io.jenkins.plugins.remotejobs.local.agents.AgentProcess;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection from another process, one that knows where the agent listens but not the run's
 * secret, is refused before any call reaches the job cache. (The same refusal from inside this JVM,
 * with a wrong secret on a call or on the handshake, is in {@link LoopbackTransportTest}.)
 */
@Tag("slow") // starts real JVMs
class IntruderProcessTest {

    @TempDir
    Path home;

    @Test
    void aProcessWithoutTheSecretIsRefusedAndReachesNothing() throws Exception {
        AgentLauncher launcher =
                new AgentLauncher(home, AgentSecret.generate()).withMainClass(TestAgentMain.class.getName());
        AgentProcess agent = launcher.start("agent-1");
        try {
            RemoteAgentClient client = agent.awaitReady();
            int callsBefore =
                    InMemoryJobCache.calls(launcher.cacheRoot("agent-1")).size();

            Process intruder = new ProcessBuilder(TestJvm.command(Intruder.class, StubCodec.encode(client.stub())))
                    .redirectErrorStream(true)
                    .start();
            assertThat(intruder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String said = new String(intruder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(said)
                    .startsWith("refused: agent-1 is unreachable")
                    .contains("did not prove it knows this run's secret");
            assertThat(InMemoryJobCache.calls(launcher.cacheRoot("agent-1"))).hasSize(callsBefore);
            assertThat(client.list())
                    .as("the agent still serves its controller")
                    .isNotNull();
        } finally {
            agent.stop(Duration.ofSeconds(5));
        }
    }
}
