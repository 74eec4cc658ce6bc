package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "grüße", "€uro", "🚀 rocket", "mixed ü € 🚀 x"})
    void utf8LengthMatchesTheEncoder(String text) {
        assertThat(TextChecks.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void scriptsKeepTabAndLineBreaksNamesDoNot() {
        assertThat(TextChecks.firstForbidden("a\tb\r\nc", true)).isEqualTo(-1);
        assertThat(TextChecks.firstForbidden("a\tb\r\nc", false)).isEqualTo(1);
    }

    @Test
    void nulIsForbiddenEverywhere() {
        assertThat(TextChecks.firstForbidden("ab\0", true)).isEqualTo(2);
        assertThat(TextChecks.firstForbidden("ab\0", false)).isEqualTo(2);
    }

    @Test
    void surrogatePairsAreFineButLoneHalvesAreNot() {
        assertThat(TextChecks.firstForbidden("🚀", false)).isEqualTo(-1);
        assertThat(TextChecks.firstForbidden("x\ud83d", false)).isEqualTo(1);
        assertThat(TextChecks.firstForbidden("\ude80x", false)).isZero();
    }

    @Test
    void describesTheForbiddenCharacter() {
        assertThat(TextChecks.describeForbidden("a\u0007", 1)).isEqualTo("the control character U+0007");
        assertThat(TextChecks.describeForbidden("\ud800", 0)).isEqualTo("an unpaired surrogate U+D800");
    }

    @Test
    void linesCountFromOne() {
        assertThat(TextChecks.lineOf("a\nb\nc", 0)).isEqualTo(1);
        assertThat(TextChecks.lineOf("a\nb\nc", 4)).isEqualTo(3);
    }
}
