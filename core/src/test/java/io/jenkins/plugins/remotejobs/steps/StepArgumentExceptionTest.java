package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepArgumentExceptionTest {

    @Test
    void messageStartsWithTheStep() {
        StepArgumentException e = new StepArgumentException("stopJob", "id", "argument 'id' is required");

        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).isEqualTo("stopJob: argument 'id' is required");
        assertThat(e.step()).isEqualTo("stopJob");
        assertThat(e.argument()).isEqualTo("id");
    }

    @Test
    void combinationErrorsHaveNoSingleArgument() {
        assertThat(new StepArgumentException("stopJob", null, "give exactly one").argument())
                .isNull();
    }
}
