package io.jenkins.plugins.remotejobs.compilecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin's messages show job ids (and sizes) as plain digits: "job 1234", never "job 1,234",
 * whatever the locale's grouping. The messages are the generated Messages classes the real build
 * has, formatted by the real localizer; a plain {@code {0}} given a number groups it.
 */
class MessagesShowNumbersPlainTest {

    private static final long ID = 1234567L;

    private Locale before;

    @BeforeEach
    void groupingLocale() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.US); // groups "1,234,567"
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void idsAndSizesAreNeverGrouped() {
        List<String> messages = List.of(
                io.jenkins.plugins.remotejobs.actions.Messages.JobPage_title(ID, "build"),
                io.jenkins.plugins.remotejobs.actions.Messages.PageControl_stopping(ID),
                io.jenkins.plugins.remotejobs.actions.Messages.PageControl_stopFailed(ID, "why"),
                io.jenkins.plugins.remotejobs.actions.Messages.PageControl_removing(ID),
                io.jenkins.plugins.remotejobs.actions.Messages.PageControl_removeFailed(ID, "why"),
                io.jenkins.plugins.remotejobs.builders.Messages.StartRemoteJobBuilder_started(ID, "build", "agent-1"),
                io.jenkins.plugins.remotejobs.builders.Messages.StartRemoteJobBuilder_notCompleted(
                        ID, "Failed", "exit code 1"),
                io.jenkins.plugins.remotejobs.steps.Messages.RemoteJobHandle_removed(ID),
                io.jenkins.plugins.remotejobs.Messages.SpoolQuotaMonitor_usage(ID, ID));
        for (String message : messages) {
            assertThat(message)
                    .as("a message with a number")
                    .contains("1234567")
                    .doesNotContain("1,234");
        }
    }
}
