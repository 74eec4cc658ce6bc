package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static io.jenkins.plugins.remotejobs.steps.Raw.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepNamesTest {

    /** Each step's validator, and a minimal valid call to vary one argument of. */
    private static final Map<String, Function<Map<String, ?>, ?>> FROM = Map.of(
            StepNames.REMOTE_JOB, RemoteJobArguments::from,
            StepNames.GET_JOB, GetJobArguments::from,
            StepNames.RECEIVE_JOB, ReceiveJobArguments::from,
            StepNames.WAIT_JOB, WaitJobArguments::from,
            StepNames.STOP_JOB, StopJobArguments::from,
            StepNames.REMOVE_JOB, RemoveJobArguments::from);

    private static final Map<String, Map<String, Object>> MINIMAL = Map.of(
            StepNames.REMOTE_JOB, args("node", "linux-1", "script", "make"),
            StepNames.GET_JOB, args(),
            StepNames.RECEIVE_JOB, args("id", 1),
            StepNames.WAIT_JOB, args("jobs", List.of(1)),
            StepNames.STOP_JOB, args("id", 1),
            StepNames.REMOVE_JOB, args("id", 1));

    static Stream<Arguments> everyArgumentOfEveryStep() {
        return StepNames.ALL.stream()
                .flatMap(step -> StepNames.argumentsOf(step).stream().map(name -> Arguments.of(step, name)));
    }

    @Test
    void allListsTheSixStepsInDocumentOrder() {
        assertThat(StepNames.ALL)
                .containsExactly("remoteJob", "getJob", "receiveJob", "waitJob", "stopJob", "removeJob");
        assertThat(StepNames.ARGUMENTS.keySet()).containsExactlyElementsOf(StepNames.ALL);
    }

    @Test
    void argumentListsFollowTheUserContract() {
        assertThat(StepNames.argumentsOf("remoteJob"))
                .containsExactly(
                        "node",
                        "nodes",
                        "label",
                        "script",
                        "shell",
                        "name",
                        "keepOnAgent",
                        "dir",
                        "env",
                        "timeout",
                        "throttle");
        assertThat(StepNames.argumentsOf("getJob"))
                .containsExactly("id", "name", "state", "node", "all", "includeChildJobs", "quiet");
        assertThat(StepNames.argumentsOf("receiveJob"))
                .containsExactly(
                        "job",
                        "id",
                        "name",
                        "keep",
                        "wait",
                        "autoRemove",
                        "stream",
                        "encoding",
                        "timeout",
                        "file",
                        "quiet");
        assertThat(StepNames.argumentsOf("waitJob")).containsExactly("jobs", "any", "timeout", "force");
        assertThat(StepNames.argumentsOf("stopJob")).containsExactly("job", "id", "name");
        assertThat(StepNames.argumentsOf("removeJob")).containsExactly("job", "id", "name", "force");
    }

    @Test
    void listsCannotBeChanged() {
        assertThatThrownBy(() -> StepNames.ARGUMENTS.put("x", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> StepNames.argumentsOf("stopJob").add("force"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownStepIsAProgrammingError() {
        assertThatThrownBy(() -> StepNames.argumentsOf("sh"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(StepArgumentException.class)
                .hasMessage("not a step: sh");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyArgumentOfEveryStep")
    void everyDeclaredArgumentIsTypeChecked(String step, String name) {
        Map<String, Object> raw = with(MINIMAL.get(step), name, new Object());

        StepArgumentException e = catchThrowableOfType(
                StepArgumentException.class, () -> FROM.get(step).apply(raw));

        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo(step);
        assertThat(e.argument()).isEqualTo(name);
        assertThat(e.getMessage()).startsWith(step + ": argument '" + name).endsWith("got an Object");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyArgumentOfEveryStep")
    void everyDeclaredArgumentRefusesNull(String step, String name) {
        Map<String, Object> raw = with(MINIMAL.get(step), name, null);

        StepArgumentException e = catchThrowableOfType(
                StepArgumentException.class, () -> FROM.get(step).apply(raw));

        assertThat(e).isNotNull();
        assertThat(e.argument()).isEqualTo(name);
        assertThat(e.getMessage()).startsWith(step + ": argument '" + name + "' must not be null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void everyStepRefusesUnknownArgumentsListingItsOwn(String step) {
        Map<String, Object> raw = with(MINIMAL.get(step), "bogus", 1);

        StepArgumentException e = catchThrowableOfType(
                StepArgumentException.class, () -> FROM.get(step).apply(raw));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo(step + ": unknown argument 'bogus'. Allowed: "
                        + String.join(", ", StepNames.argumentsOf(step)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void everyStepAcceptsItsMinimalCall(String step) {
        assertThat(FROM.get(step).apply(MINIMAL.get(step))).isNotNull();
    }

    static Stream<String> steps() {
        return StepNames.ALL.stream();
    }
}
