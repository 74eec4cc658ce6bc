package io.jenkins.plugins.remotejobs.local.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

    @Test
    void readsNameHomeAndRoot() {
        AgentOptions o = AgentOptions.parse("--root", "/h/agents/a/cache", "--name", "agent-1", "--home", "/h");
        assertThat(o).isEqualTo(new AgentOptions("agent-1", Path.of("/h"), Path.of("/h/agents/a/cache")));
    }

    @Test
    void refusesMissingUnknownAndRelativeOptions() {
        assertThatThrownBy(() -> AgentOptions.parse("--name", "a", "--home", "/h"))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> AgentOptions.parse("--secret", "x")).hasMessageContaining("unknown option --secret");
        assertThatThrownBy(() -> AgentOptions.parse("--name")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AgentOptions.parse("--name", "a", "--home", "h", "--root", "/r"))
                .hasMessageContaining("absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/b", "", ".hidden", "-rf", "a b", "a\u0000"})
    void refusesNamesThatAreNotPlainWords(String name) {
        assertThatThrownBy(() -> AgentOptions.requireValidName(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
