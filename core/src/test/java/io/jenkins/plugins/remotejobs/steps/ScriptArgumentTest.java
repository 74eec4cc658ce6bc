package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.error;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code remoteJob}'s {@code script:}, through {@link RemoteJobArguments#from}. */
class ScriptArgumentTest {

    @Test
    void scriptIsRequired() {
        assertThat(error(args("node", "linux-1"))).isEqualTo("remoteJob: argument 'script' is required");
        assertThat(error("script", null)).isEqualTo("remoteJob: argument 'script' must not be null");
    }

    @Test
    void scriptMustBeNonBlankText() {
        assertThat(error("script", 5))
                .isEqualTo("remoteJob: argument 'script' must be the script's text, got 5 (an Integer)");
        assertThat(error("script", " \n\t"))
                .isEqualTo("remoteJob: argument 'script' must not be blank, got ' \\u000a\\u0009'");
    }

    @Test
    void scriptKeepsTabsAndLineBreaksIncludingWindowsOnes() {
        String script = "@echo off\r\n\tdir\r\necho done\n";

        assertThat(valid("script", script).script()).isEqualTo(script);
    }

    @Test
    void scriptControlCharacterIsReportedByLine() {
        assertThat(error("script", "echo a\necho b\0\n"))
                .isEqualTo("remoteJob: argument 'script' must not contain control characters other than tab and"
                        + " line breaks, got the control character U+0000 on line 2");
    }

    @Test
    void scriptOfExactly16MibIsAccepted() {
        String script = "x".repeat(StepLimits.MAX_SCRIPT_BYTES);

        assertThat(valid("script", script).script()).hasSize(StepLimits.MAX_SCRIPT_BYTES);
    }

    @Test
    void scriptLimitCountsUtf8BytesNotChars() {
        String euros = "€".repeat(StepLimits.MAX_SCRIPT_BYTES / 3 + 1); // 3 bytes each, fewer chars than the limit

        assertThat(error("script", euros))
                .isEqualTo("remoteJob: argument 'script' must be at most 16 MiB of UTF-8, got 16777218 bytes"
                        + " (16.0 MiB); copy a large script to the agent and run it from there");
    }

    @Test
    void tenMegabyteScriptIsAcceptedAndSeventeenIsNot() {
        assertThat(valid("script", "y".repeat(10_000_000)).script()).hasSize(10_000_000);
        assertThat(error("script", "y".repeat(17 * 1024 * 1024))).contains("got 17825792 bytes (17.0 MiB)");
    }

    @Test
    void scriptMayHoldAnyPrintableUnicode() {
        String script = "echo 'grüße 🚀'";

        assertThat(valid("script", script).script()).isEqualTo(script);
    }
}
