package io.jenkins.plugins.remotejobs.local.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.local.transport.TestAgentMain;
import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two supervised agent JVMs serving the in-memory test cache. */
@Tag("slow") // starts real agent JVMs
class LocalAgentsTest {

    @TempDir
    static Path home;

    private static LocalAgents agents;

    @BeforeAll
    static void startAgents() throws Exception {
        AgentLauncher launcher =
                new AgentLauncher(home, AgentSecret.generate()).withMainClass(TestAgentMain.class.getName());
        agents = LocalAgents.start(launcher, 2);
    }

    @AfterAll
    static void closeAgents() {
        agents.close();
    }

    @Test
    void nodesAreNamedInOrderAndCarryTheLocalLabelAndTheirName() {
        assertThat(agents.nodes()).containsExactly("agent-1", "agent-2");
        assertThat(agents.exists("agent-2")).isTrue();
        assertThat(agents.exists("agent-3")).isFalse();
        assertThat(agents.labels("agent-1")).containsExactlyInAnyOrder("local", "agent-1");
        assertThat(agents.nodesWithLabel("local")).containsExactly("agent-1", "agent-2");
        assertThat(agents.nodesWithLabel("agent-2")).containsExactly("agent-2");
        assertThat(agents.nodesWithLabel("agent-2 || agent-1")).containsExactly("agent-1", "agent-2");
        assertThat(agents.nodesWithLabel("linux")).isEmpty();
        assertThatThrownBy(() -> agents.nodesWithLabel("local && agent-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("||");
    }

    @Test
    void eachAgentHasItsOwnCacheRootAndWorkspace() {
        assertThat(agents.workspace("agent-1")).isEqualTo(home.resolve("agents/agent-1/workspace"));
        assertThat(agents.workspace("agent-1")).isDirectory();
        assertThat(home.resolve("agents/agent-2/cache/calls.log")).exists();
        assertThatThrownBy(() -> agents.workspace("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectGivesAWorkingClientForEachAgentAndNothingForUnknownNodes() throws Exception {
        for (String node : agents.nodes()) {
            AgentProtocol cache = agents.connect(node).orElseThrow();
            String id = JobIds.newInstanceId();
            assertThat(cache.launch(request(id)).state()).isEqualTo(AgentJobState.RUNNING);
            assertThat(cache.status(id).instanceId()).isEqualTo(id);
        }
        assertThat(agents.connect("agent-9")).isEmpty();
        assertThat(agents.connect(null)).isEmpty();
    }

    @Test
    void aKilledAgentIsReportedGoneStartedAgainAndReportedBack() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        agents.addListener(new AgentDirectory.AgentListener() {
            @Override
            public void connected(String node) {
                events.add("connected " + node);
            }

            @Override
            public void disconnected(String node) {
                events.add("disconnected " + node);
            }
        });
        long pid = agents.pid("agent-1").orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(events).containsExactly("disconnected agent-1", "connected agent-1"));
        assertThat(agents.pid("agent-1").orElseThrow()).isNotEqualTo(pid);
        AgentProtocol cache = agents.connect("agent-1").orElseThrow();
        String id = JobIds.newInstanceId();
        assertThat(cache.launch(request(id)).instanceId()).isEqualTo(id);
        assertThat(agents.connect("agent-2").orElseThrow().list()).isNotNull();
    }

    private static LaunchRequest request(String id) {
        return new LaunchRequest(id, "job", "sh", "true", null, null, 0, false);
    }
}
