package io.jenkins.plugins.remotejobs.local.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentSecretTest {

    @Test
    void survivesItsEncodingAndMatchesOnlyItself() {
        AgentSecret secret = AgentSecret.generate();
        AgentSecret read = AgentSecret.fromEncoded(secret.encoded() + "\r\n");

        assertThat(read).isEqualTo(secret);
        assertThat(read.matches(secret.bytes())).isTrue();
        assertThat(read.matches(AgentSecret.generate().bytes())).isFalse();
        assertThat(read.matches(null)).isFalse();
        assertThat(secret.encoded()).hasSize(64);
    }

    @Test
    void neverShowsItself() {
        AgentSecret secret = AgentSecret.generate();
        assertThat(secret.toString()).doesNotContain(secret.encoded()).contains("****");
    }

    @Test
    void refusesShortOrNonHexTextWithoutRepeatingIt() {
        assertThatThrownBy(() -> AgentSecret.fromEncoded("zz-secret-text-zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("zz-secret-text-zz");
        assertThatThrownBy(() -> AgentSecret.fromEncoded("00ff")).hasMessageContaining("shorter than 16 bytes");
    }
}
