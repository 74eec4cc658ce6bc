package io.jenkins.plugins.remotejobs.controller.waits;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.util.Signal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A round that asks to be looked at again soon, with no event to wake anything (an agent or a
 * workspace away, looked for once a second), runs again when it asked: not only when the
 * dispatcher next wakes, which may be a minute later.
 */
class WaitsRecheckTest {

    @Test
    void aRoundAskingToRunAgainSoonRunsAgainWithoutAnyEvent() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        try (Waits waits = new Waits(new Signal())) {
            CompletableFuture<Integer> done = waits.start(() -> {
                int n = rounds.incrementAndGet();
                return n == 5 ? Waits.Outcome.done(n) : Waits.Outcome.notYet(20);
            });

            // The dispatcher sleeps up to 60 s when nothing was due as it went to sleep: four
            // rechecks that waited for it would take four minutes.
            assertThat(done.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        }
    }
}
