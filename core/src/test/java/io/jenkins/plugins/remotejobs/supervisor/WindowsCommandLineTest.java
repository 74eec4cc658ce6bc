package io.jenkins.plugins.remotejobs.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The quoting rules of {@code CommandLineToArgvW}, case by case. */
@Tag("windows")
class WindowsCommandLineTest {

    @Test
    void plainArgumentsStayAsTheyAre() {
        assertThat(WindowsCommandLine.join(List.of("javaw.exe", "-Xmx24m", "C:\\dir\\a.jar")))
                .isEqualTo("javaw.exe -Xmx24m C:\\dir\\a.jar");
    }

    @Test
    void spacesTabsAndEmptyArgumentsGoInQuotes() {
        assertThat(WindowsCommandLine.join(List.of("C:\\Program Files\\x", "a\tb", "")))
                .isEqualTo("\"C:\\Program Files\\x\" \"a\tb\" \"\"");
    }

    @Test
    void aQuoteIsEscapedAndTheBackslashesBeforeItDoubled() {
        assertThat(WindowsCommandLine.join(List.of("say \"hi\"", "a\\\"b")))
                .isEqualTo("\"say \\\"hi\\\"\" \"a\\\\\\\"b\"");
    }

    @Test
    void trailingBackslashesOfAQuotedArgumentAreDoubledSoTheClosingQuoteStays() {
        assertThat(WindowsCommandLine.join(List.of("C:\\my dir\\"))).isEqualTo("\"C:\\my dir\\\\\"");
        assertThat(WindowsCommandLine.join(List.of("C:\\dir\\"))).isEqualTo("C:\\dir\\");
    }

    @Test
    void backslashesNotBeforeAQuoteAreLiteral() {
        assertThat(WindowsCommandLine.join(List.of("a b\\c"))).isEqualTo("\"a b\\c\"");
    }
}
