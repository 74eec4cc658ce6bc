package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How long a wait sleeps between looks when no event comes. */
class WaitRuleTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE / 2;

    @Test
    void aWaitWithNoDeadlineAndNoAgentAwaySleepsUntilAnEventNotAMillisecond() {
        // Every job running, none Disconnected: only an event (or the 60 s safety look) wakes it.
        WaitRule running = new WaitRule(false, false, Long.MAX_VALUE);
        assertThat(running.sleepMillis(NO_DEADLINE)).isEqualTo(60_000);
    }

    @Test
    void aGraceRunningOutOrADeadlineComingFirstShortensTheSleep() {
        assertThat(new WaitRule(false, false, 500).sleepMillis(NO_DEADLINE)).isEqualTo(501);
        assertThat(new WaitRule(false, false, Long.MAX_VALUE).sleepMillis(TimeUnit.MILLISECONDS.toNanos(2)))
                .isEqualTo(3);
        assertThat(new WaitRule(false, false, 0).sleepMillis(0)).isEqualTo(1);
    }
}
