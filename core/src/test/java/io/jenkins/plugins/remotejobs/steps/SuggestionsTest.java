package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> REMOTE_JOB = StepNames.argumentsOf(StepNames.REMOTE_JOB);

    @Test
    void caseMismatchIsSuggestedFirst() {
        assertThat(Suggestions.closest("KEEPONAGENT", REMOTE_JOB)).isEqualTo("keepOnAgent");
    }

    @Test
    void smallTyposAreSuggested() {
        assertThat(Suggestions.closest("scirpt", REMOTE_JOB)).isEqualTo("script");
        assertThat(Suggestions.closest("timout", REMOTE_JOB)).isEqualTo("timeout");
        assertThat(Suggestions.closest("nod", REMOTE_JOB)).isEqualTo("node");
    }

    @Test
    void distantOrShortGuessesAreNot() {
        assertThat(Suggestions.closest("foo", REMOTE_JOB)).isNull();
        assertThat(Suggestions.closest("ab", REMOTE_JOB)).isNull();
        assertThat(Suggestions.closest("x".repeat(10_000), REMOTE_JOB)).isNull();
    }

    @Test
    void hintIsEmptyWithoutASuggestion() {
        assertThat(Suggestions.hint("foo", REMOTE_JOB)).isEmpty();
        assertThat(Suggestions.hint("scirpt", REMOTE_JOB)).isEqualTo(" (did you mean 'script'?)");
    }
}
