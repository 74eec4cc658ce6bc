package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoveJobArgumentsTest {

    @Test
    void forceDefaultsToFalse() {
        assertThat(RemoveJobArguments.from(args("job", TestJob.valid())))
                .isEqualTo(new RemoveJobArguments(JobSelector.ofInstanceId(TestJob.ID), false));
        assertThat(RemoveJobArguments.from(args("name", "soak", "force", true)))
                .isEqualTo(new RemoveJobArguments(JobSelector.ofName("soak"), true));
    }

    @Test
    void forceMustBeABoolean() {
        assertThatThrownBy(() -> RemoveJobArguments.from(args("id", 1, "force", "yes")))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("removeJob: argument 'force' must be true or false, got 'yes' (a String)");
    }

    @Test
    void typeErrorInForceComesBeforeAMissingSelector() {
        assertThatThrownBy(() -> RemoveJobArguments.from(args("force", "yes")))
                .hasMessage("removeJob: argument 'force' must be true or false, got 'yes' (a String)");
        assertThatThrownBy(() -> RemoveJobArguments.from(args("force", true)))
                .hasMessage("removeJob: give exactly one of 'job', 'id' or 'name', got none of them");
    }

    @Test
    void selectorNamesAreTextWithoutTraversalConcerns() {
        assertThat(RemoveJobArguments.from(args("name", "../x")).job()).isEqualTo(JobSelector.ofName("../x"));
    }
}
