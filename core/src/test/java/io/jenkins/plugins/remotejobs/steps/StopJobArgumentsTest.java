package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopJobArgumentsTest {

    @Test
    void handleIdAndNameEachSelectTheJob() {
        assertThat(StopJobArguments.from(args("job", TestJob.valid())).job())
                .isEqualTo(JobSelector.ofInstanceId(TestJob.ID));
        assertThat(StopJobArguments.from(args("id", 2)).job()).isEqualTo(JobSelector.ofId(2));
        assertThat(StopJobArguments.from(args("name", "soak")).job()).isEqualTo(JobSelector.ofName("soak"));
    }

    @Test
    void selectorNeedsExactlyOneOfJobIdAndName() {
        assertThatThrownBy(() -> StopJobArguments.from(args()))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("stopJob: give exactly one of 'job', 'id' or 'name', got none of them");
        assertThatThrownBy(() -> StopJobArguments.from(args("id", 2, "name", "soak")))
                .hasMessage("stopJob: give exactly one of 'job', 'id' or 'name', got 'id' and 'name'");
    }

    @Test
    void aNullSelectorSaysToNameTheJobAnotherWayNotToLeaveItOut() {
        Map<String, Object> nullJob = new HashMap<>();
        nullJob.put("job", null);
        assertThatThrownBy(() -> StopJobArguments.from(nullJob))
                .hasMessage("stopJob: argument 'job' must not be null; give exactly one of 'job', 'id' or 'name'");
        Map<String, Object> nullNode = new HashMap<>(args("script", "true"));
        nullNode.put("node", null);
        assertThatThrownBy(() -> RemoteJobArguments.from(nullNode))
                .hasMessage("remoteJob: argument 'node' must not be null; give exactly one of 'node', 'nodes' or"
                        + " 'label'");
    }

    @Test
    void forceIsNotAnArgumentOfStopJob() {
        assertThatThrownBy(() -> StopJobArguments.from(args("id", 2, "force", true)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("stopJob: unknown argument 'force'. Allowed: job, id, name");
    }

    @Test
    void idMustBePositive() {
        assertThatThrownBy(() -> StopJobArguments.from(args("id", -1)))
                .hasMessage("stopJob: argument 'id' must be a whole number of at least 1, got -1");
    }
}
