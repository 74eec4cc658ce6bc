package io.jenkins.plugins.remotejobs.util;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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
     * {@code next} begun once {@code first} has completed (whatever its outcome), its own future
     * the result; cancelling the result cancels {@code next}'s future once it exists. What {@code
     * next} throws fails the result as it was thrown.
     */
    public static <T> CompletableFuture<T> afterwards(CompletableFuture<?> first, Supplier<CompletableFuture<T>> next) {
        AtomicReference<CompletableFuture<T>> begun = new AtomicReference<>();
        CompletableFuture<T> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                Optional.ofNullable(begun.get()).ifPresent(f -> f.cancel(mayInterrupt));
                return super.cancel(mayInterrupt);
            }
        };
        first.whenComplete((ignored, failure) -> {
            try {
                CompletableFuture<T> inner = next.get();
                begun.set(inner);
                if (result.isCancelled()) {
                    inner.cancel(true);
                }
                inner.whenComplete((value, innerFailure) -> {
                    if (innerFailure != null) {
                        result.completeExceptionally(innerFailure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
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
