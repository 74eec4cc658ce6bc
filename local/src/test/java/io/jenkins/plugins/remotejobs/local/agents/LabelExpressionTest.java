package io.jenkins.plugins.remotejobs.local.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", " local ", "agent-1||local", "agent-1 || local"})
    void acceptsALabelOrLabelsJoinedByOr(String expression) {
        assertThat(LabelExpression.alternatives(expression))
                .isNotEmpty()
                .allMatch(l -> !l.isBlank() && l.equals(l.strip()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a && b", "!a", "(a)", "a ||", "|| a", "a | b", "a b", "a ||| b"})
    void refusesWhatItDoesNotUnderstand(String expression) {
        assertThatThrownBy(() -> LabelExpression.alternatives(expression)).isInstanceOf(IllegalArgumentException.class);
    }
}
