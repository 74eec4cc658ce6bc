package io.jenkins.plugins.remotejobs.util;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;

/**
 * The two things the engine does with the futures of its waits: block on one (hosts whose steps may
 * block a thread), and chain what follows a wait so that cancelling the end of the chain cancels
 * the wait itself (a plain {@code thenApply} would leave the wait running).
 */
public final class Futures {

    private Futures() {}

    /**
     * The result, on the calling thread. An interrupt (an aborted step) cancels the future; a
     * failure is rethrown as it was thrown.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static <T> T join(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * {@code next} runs once {@code first} is over (also when it failed or was cancelled, so that
     * it can clean up); cancelling the returned future cancels {@code first}.
     */
    public static <T, R> CompletableFuture<R> then(CompletableFuture<T> first, BiFunction<T, Throwable, R> next) {
        CompletableFuture<R> after = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                first.cancel(mayInterrupt);
                return super.cancel(mayInterrupt);
            }
        };
        first.whenComplete((value, failure) -> {
            try {
                after.complete(next.apply(value, failure));
            } catch (Throwable e) {
                after.completeExceptionally(e);
            }
        });
        return after;
    }
}
