package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class GetJobArgumentsTest {

    private static String error(Map<String, Object> raw) {
        return Raw.refusal(GetJobArguments::from, raw);
    }

    @Test
    void noArgumentsListsThisBuildsJobs() {
        GetJobArguments a = GetJobArguments.from(Map.of());

        assertThat(a).isEqualTo(new GetJobArguments(null, null, null, null, false, false, false));
    }

    @Test
    void everyFilterIsCarriedOver() {
        GetJobArguments a = GetJobArguments.from(args(
                "id",
                3,
                "name",
                "soak*",
                "state",
                "Running",
                "node",
                "linux-1",
                "all",
                true,
                "includeChildJobs",
                true,
                "quiet",
                true));

        assertThat(a).isEqualTo(new GetJobArguments(3L, "soak*", "Running", "linux-1", true, true, true));
    }

    @ParameterizedTest
    @FieldSource("io.jenkins.plugins.remotejobs.steps.GetJobArguments#STATES")
    void everyStateIsAccepted(String state) {
        assertThat(GetJobArguments.from(args("state", state)).state()).isEqualTo(state);
    }

    @Test
    void statesAreCaseSensitiveAndTheErrorListsThem() {
        assertThat(error(args("state", "running")))
                .isEqualTo("getJob: argument 'state' must be one of NotStarted, Running, Completed, Failed, Stopped,"
                        + " Disconnected, Lost, got 'running' (did you mean 'Running'?)");
        assertThat(error(args("state", "Done"))).endsWith("Lost, got 'Done'");
        assertThat(error(args("state", 1))).endsWith("Lost, got 1 (an Integer)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soak", "soak*", "s?ak", "*", "night build 3"})
    void namesMayHoldWildcards(String name) {
        assertThat(GetJobArguments.from(args("name", name)).name()).isEqualTo(name);
    }

    @Test
    void idMustBePositive() {
        assertThat(error(args("id", 0))).isEqualTo("getJob: argument 'id' must be a whole number of at least 1, got 0");
        assertThat(error(args("id", "3")))
                .isEqualTo("getJob: argument 'id' must be a whole number of at least 1, got '3' (a String)");
        assertThat(GetJobArguments.from(args("id", Long.MAX_VALUE)).id()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void idBeyondLongIsOutOfRangeNotACrash() {
        assertThat(error(args("id", new java.math.BigInteger("99999999999999999999999"))))
                .isEqualTo("getJob: argument 'id' must be a whole number of at least 1, got 99999999999999999999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "includeChildJobs", "quiet"})
    void flagsMustBeBooleans(String flag) {
        assertThat(error(args(flag, "true")))
                .isEqualTo("getJob: argument '" + flag + "' must be true or false, got 'true' (a String)");
        assertThat(error(args(flag, 1)))
                .isEqualTo("getJob: argument '" + flag + "' must be true or false, got 1 (an Integer)");
    }

    @Test
    void namesAndNodesAreBounded() {
        assertThat(error(args("name", "n".repeat(10_240))))
                .startsWith("getJob: argument 'name' must be at most 1000 characters long");
        assertThat(error(args("node", "../x\0")))
                .isEqualTo("getJob: argument 'node' must not contain the control character U+0000, got '../x\\u0000'");
    }

    @Test
    void unknownArgumentListsTheAllowedOnes() {
        assertThat(error(args("status", "Running")))
                .isEqualTo("getJob: unknown argument 'status' (did you mean 'state'?). Allowed: id, name, state, node,"
                        + " all, includeChildJobs, quiet");
    }

    @Test
    void nullFilterIsAnError() {
        assertThatThrownBy(() -> GetJobArguments.from(args("name", null)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: argument 'name' must not be null; leave it out to get the default");
    }
}
