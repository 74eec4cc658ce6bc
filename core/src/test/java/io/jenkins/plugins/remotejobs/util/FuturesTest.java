package io.jenkins.plugins.remotejobs.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@link Futures#afterwards}: what a receive that waits for a launch on its way relies on. */
class FuturesTest {

    @Test
    void afterwardsBeginsTheNextOnlyOnceTheFirstIsOverAndGivesItsResult() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        boolean[] begun = {false};

        CompletableFuture<String> result = Futures.afterwards(first, () -> {
            begun[0] = true;
            return next;
        });

        assertThat(begun[0]).isFalse();
        first.complete(null);
        assertThat(begun[0]).isTrue();
        assertThat(result).isNotDone();
        next.complete("done");
        assertThat(result.get()).isEqualTo("done");
    }

    @Test
    void cancellingTheResultCancelsTheNextOnceItHasBegun() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        CompletableFuture<String> result = Futures.afterwards(first, () -> next);

        result.cancel(true); // before the next has begun
        first.complete(null);

        assertThat(next).isCancelled();
    }

    @Test
    void whatTheNextThrowsFailsTheResultAsItWasThrown() {
        CompletableFuture<String> result = Futures.afterwards(CompletableFuture.completedFuture(null), () -> {
            throw new IllegalStateException("never launched");
        });

        assertThatThrownBy(result::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("never launched");
    }
}
