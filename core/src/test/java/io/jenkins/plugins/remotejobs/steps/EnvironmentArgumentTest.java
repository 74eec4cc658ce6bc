package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.error;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code remoteJob}'s {@code env:}, through {@link RemoteJobArguments#from}. */
class EnvironmentArgumentTest {

    @Test
    void envMayBeEmpty() {
        assertThat(valid("env", List.of()).env()).isEmpty();
    }

    @Test
    void envValuesMayHoldLineBreaksAndEqualsSigns() {
        assertThat(valid("env", List.of("PEM=-----BEGIN\nabc=\n-----END")).env())
                .containsExactly("PEM=-----BEGIN\nabc=\n-----END");
    }

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of(
                        "s3cr3t", "remoteJob: argument 'env' must be a List of 'NAME=value' strings, got a String"),
                Arguments.of(
                        Map.of("TOKEN", "s3cr3t"),
                        "remoteJob: argument 'env' must be a List of 'NAME=value' strings, got a Map"),
                Arguments.of(
                        List.of("A=1", "s3cr3t"),
                        "remoteJob: argument 'env[1]' must be a 'NAME=value' string, got text without '='"),
                Arguments.of(
                        List.of(12345), "remoteJob: argument 'env[0]' must be a 'NAME=value' string, got an Integer"),
                Arguments.of(
                        List.of("1TOKEN=s3cr3t"),
                        "remoteJob: argument 'env[0]' must start with a variable name matching"
                                + " [A-Za-z_][A-Za-z0-9_]*, got the name '1TOKEN'"),
                Arguments.of(
                        List.of("=s3cr3t"),
                        "remoteJob: argument 'env[0]' must start with a variable name matching"
                                + " [A-Za-z_][A-Za-z0-9_]*, got the name ''"),
                Arguments.of(
                        List.of("TOKEN=s3cr\0t"),
                        "remoteJob: argument 'env[0]' must not contain a NUL character, got one in the value of"
                                + " 'TOKEN'"),
                Arguments.of(
                        List.of(new StringBuilder("A=s3cr3t"), new Object()),
                        "remoteJob: argument 'env[1]' must be a 'NAME=value' string, got an Object"));
    }

    @ParameterizedTest
    @MethodSource("badEnvironments")
    void envErrorsNameThePositionButNeverTheValue(Object env, String expected) {
        assertThat(error("env", env)).isEqualTo(expected).doesNotContain("s3cr");
    }

    @Test
    void envNullItemIsNamedByPosition() {
        List<String> env = new ArrayList<>();
        env.add("A=1");
        env.add(null);

        assertThat(error("env", env)).isEqualTo("remoteJob: argument 'env[1]' must not be null");
    }

    @Test
    void toStringNamesVariablesButNotTheirValues() {
        RemoteJobArguments a = valid("env", List.of("TOKEN=s3cr3t", "USER=bob"));

        assertThat(a.toString()).contains("TOKEN", "USER").doesNotContain("s3cr3t", "bob", "make soak-test");
    }
}
