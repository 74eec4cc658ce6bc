package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader through {@code getJob}, whose arguments cover a number, texts and flags. */
class ArgumentReaderTest {

    private static ArgumentReader reader(Map<String, ?> raw) {
        return ArgumentReader.of(StepNames.GET_JOB, raw);
    }

    @Test
    void aStepCalledWithNoArgumentsAtAllSaysWhatItNeeds() {
        // Groovy passes null for a step called with no arguments: remoteJob()
        assertThatThrownBy(() -> RemoteJobArguments.from(null))
                .isInstanceOf(StepArgumentException.class)
                .hasMessageStartingWith("remoteJob: ")
                .hasMessageContaining("'script'");
        assertThatThrownBy(() -> ReceiveJobArguments.from(null))
                .isInstanceOf(StepArgumentException.class)
                .hasMessageStartingWith("receiveJob: ");
        assertThat(GetJobArguments.from(null).all()).isFalse();
    }

    @Test
    void severalUnknownNamesAreListedTogetherInTheOrderGiven() {
        assertThatThrownBy(() -> reader(args("foo", 1, "Name", "x", "id", 1)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: unknown arguments 'foo', 'Name' (did you mean 'name'?). Allowed: id, name, state,"
                        + " node, all, includeChildJobs, quiet");
    }

    @Test
    void unknownNamesAreBoundedEscapedAndCounted() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("x".repeat(10_240), 1);
        raw.put("a\u0000b", 1);
        for (int i = 0; i < 20; i++) {
            raw.put("u" + i, 1);
        }

        assertThatThrownBy(() -> reader(raw))
                .isInstanceOf(StepArgumentException.class)
                .hasMessageStartingWith(
                        "getJob: unknown arguments '" + "x".repeat(60) + "...(10240 chars)', 'a\\u0000b'")
                .hasMessageContaining("'u7' and 12 more. Allowed: id,")
                .hasMessageNotContaining("u8");
    }

    @Test
    void groovyStringKeysAreArgumentNames() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(new StringBuilder("id"), 3);

        assertThat(reader(cast(raw)).wholeNumber("id", WholeRange.JOB_ID)).isEqualTo(3L);
    }

    @Test
    void nonTextKeyIsRefused() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(42, 3);

        assertThatThrownBy(() -> reader(cast(raw)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: argument names must be text, got 42 (an Integer)");
    }

    @Test
    void sameNameTwiceIsRefused() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put("id", 3);
        raw.put(new StringBuilder("id"), 4);

        assertThatThrownBy(() -> reader(cast(raw)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: argument 'id' is given twice");
    }

    @Test
    void readingAnUndeclaredArgumentIsAProgrammingError() {
        ArgumentReader args = reader(args());

        assertThatThrownBy(() -> args.bool("keep", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("getJob reads undeclared argument keep");
    }

    @Test
    void absentArgumentsGetTheirDefaults() {
        ArgumentReader args = reader(args());

        assertThat(args.has("id")).isFalse();
        assertThat(args.bool("all", true)).isTrue();
        assertThat(args.wholeNumber("id", WholeRange.JOB_ID)).isNull();
        assertThat(args.text("name", TextKind.NAME)).isNull();
        assertThat(args.oneOf("state", GetJobArguments.STATES)).isNull();
    }

    static Stream<Arguments> wholeNumbers() {
        return Stream.of(
                Arguments.of((byte) 7, 7L),
                Arguments.of((short) 7, 7L),
                Arguments.of(7, 7L),
                Arguments.of(7L, 7L),
                Arguments.of(BigInteger.valueOf(7), 7L),
                Arguments.of(new BigDecimal("7"), 7L),
                Arguments.of(new BigDecimal("7.000"), 7L),
                Arguments.of(new BigDecimal("0.7E1"), 7L),
                Arguments.of(7.0d, 7L),
                Arguments.of(7.0f, 7L));
    }

    @ParameterizedTest
    @MethodSource("wholeNumbers")
    void everyIntegralNumberTypeIsAccepted(Object given, long expected) {
        assertThat(reader(args("id", given)).wholeNumber("id", WholeRange.JOB_ID))
                .isEqualTo(expected);
    }

    static Stream<Arguments> notWholeNumbers() {
        return Stream.of(
                Arguments.of(7.5d, "7.5 (a Double)"),
                Arguments.of(Double.NaN, "NaN (a Double)"),
                Arguments.of(Double.POSITIVE_INFINITY, "Infinity (a Double)"),
                Arguments.of(new BigDecimal("7.01"), "7.01 (a BigDecimal)"),
                Arguments.of("7", "'7' (a String)"),
                Arguments.of(true, "true (a Boolean)"),
                Arguments.of('7', "'7' (a Character)"),
                Arguments.of(new AtomicInteger(7), "an AtomicInteger"),
                Arguments.of(List.of(7), "a List of 1 item"));
    }

    @ParameterizedTest
    @MethodSource("notWholeNumbers")
    void otherValuesAreNotWholeNumbers(Object given, String shown) {
        assertThatThrownBy(() -> reader(args("id", given)).wholeNumber("id", WholeRange.JOB_ID))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: argument 'id' must be a whole number of at least 1, got " + shown);
    }

    @Test
    void hugeNumbersAreOutOfRangeAndShownBounded() {
        BigInteger huge = BigInteger.TEN.pow(100);

        assertThatThrownBy(() -> reader(args("id", huge)).wholeNumber("id", WholeRange.JOB_ID))
                .hasMessage("getJob: argument 'id' must be a whole number of at least 1, got 1" + "0".repeat(59)
                        + "...(101 chars)");
        assertThatThrownBy(() -> reader(args("id", 1e300)).wholeNumber("id", WholeRange.JOB_ID))
                .hasMessageEndingWith("got 1.0E300");
    }

    @Test
    void textWithAnUnpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> reader(args("name", "a\ud800b")).text("name", TextKind.NAME))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: argument 'name' must not contain an unpaired surrogate U+D800, got 'a\\ud800b'");
    }

    @Test
    void textWithSupplementaryCharactersIsAccepted() {
        assertThat(reader(args("name", "build 🚀")).text("name", TextKind.NAME)).isEqualTo("build 🚀");
    }

    @Test
    void delAndC1ControlCharactersAreControlCharactersToo() {
        assertThatThrownBy(() -> reader(args("name", "a\u007fb")).text("name", TextKind.NAME))
                .hasMessage("getJob: argument 'name' must not contain the control character U+007F, got 'a\\u007fb'");
        assertThatThrownBy(() -> reader(args("name", "a\u0085b")).text("name", TextKind.NAME))
                .hasMessageContaining("U+0085");
    }

    @Test
    void exactlyOneNamesWhatWasGiven() {
        ArgumentReader args = reader(args("id", 1, "name", "a", "node", "n"));

        assertThatThrownBy(() -> args.exactlyOne("id", "name", "node"))
                .isInstanceOf(StepArgumentException.class)
                .hasMessage("getJob: give exactly one of 'id', 'name' or 'node', got 'id', 'name' and 'node'")
                .extracting(e -> ((StepArgumentException) e).argument())
                .isNull();
    }

    @Test
    void listItemErrorsReportTheListAsTheArgument() {
        StepArgumentException e = reader(args()).fail("nodes[3]", "detail");

        assertThat(e.argument()).isEqualTo("nodes");
        assertThat(e.getMessage()).isEqualTo("getJob: detail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<Object, Object> raw) {
        return (Map<String, ?>) (Map<?, ?>) raw;
    }
}
