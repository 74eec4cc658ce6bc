package io.jenkins.plugins.remotejobs.local.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadyLineTest {

    @Test
    void parsesWhatItFormats() {
        ReadyLine line = new ReadyLine(41234, "rO0ABXNy+/==");
        assertThat(ReadyLine.isReadyLine(line.format())).isTrue();
        assertThat(ReadyLine.parse(line.format())).isEqualTo(line);
    }

    @Test
    void otherLinesAreNotReadyLinesAndBrokenOnesAreRefused() {
        assertThat(ReadyLine.isReadyLine("OpenJDK 64-Bit Server VM warning: ..."))
                .isFalse();
        assertThatThrownBy(() -> ReadyLine.parse("REMOTE-JOBS-AGENT-READY port=0 stub=abc"))
                .hasMessageContaining("port 0");
        assertThatThrownBy(() -> ReadyLine.parse("REMOTE-JOBS-AGENT-READY port=1 stub=not base64!"))
                .hasMessageContaining("malformed");
    }
}
