package io.jenkins.plugins.remotejobs.steps;

import hudson.model.Computer;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * A step that may take long (it waits for jobs, or for an agent to connect) without holding the
 * CPS thread or an executor, and that survives a controller restart: it persists only what it
 * needs to do its work again after a restart, and does it again on resume (each subclass makes
 * that safe: a wait waits for what is left, a start is idempotent by its instance id). Aborting the
 * build ends it. A wait holds no thread at all while it waits ({@link #begin} of {@link
 * WaitingExecution}); a start may block while its agent connects, on a thread of its own.
 */
abstract class ResumableExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private transient Authentication auth;
    private transient CompletableFuture<Object> running;

    ResumableExecution(StepContext context, Authentication auth) {
        super(context);
        this.auth = auth;
    }

    /** Does the step's work as {@code auth}, blocking; the result goes back to the pipeline as a handle. */
    Object work(Authentication auth) throws Exception {
        throw new UnsupportedOperationException("a step either works or begins");
    }

    /**
     * Begins the step's work as {@code auth}; the future completes with its result. By default
     * {@link #work} on a thread of its own, which an abort interrupts.
     *
     * @throws Exception for a mistake found at once (it fails the step)
     */
    CompletableFuture<Object> begin(Authentication auth) throws Exception {
        CompletableFuture<Future<?>> task = new CompletableFuture<>();
        CompletableFuture<Object> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                task.thenAccept(t -> t.cancel(true));
                return super.cancel(mayInterrupt);
            }
        };
        task.complete(Computer.threadPoolForRemoting.submit(() -> {
            try {
                result.complete(work(auth));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    /** Something that begins work and hands back its future, for {@link #beginOffCps}. */
    @FunctionalInterface
    interface Beginning {
        CompletableFuture<Object> begin() throws Exception;
    }

    /**
     * Begins {@code beginning} on a pool thread, not on the CPS thread (beginning may call an agent,
     * for example to create a workspace file), and holds that thread only until it has begun: the
     * wait itself holds none. Cancelling the returned future cancels what began.
     */
    static CompletableFuture<Object> beginOffCps(Beginning beginning) {
        CompletableFuture<CompletableFuture<Object>> begun = new CompletableFuture<>();
        CompletableFuture<Object> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                begun.thenAccept(inner -> inner.cancel(mayInterrupt));
                return super.cancel(mayInterrupt);
            }
        };
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                CompletableFuture<Object> inner = beginning.begin();
                begun.complete(inner);
                inner.whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (Throwable e) {
                begun.complete(CompletableFuture.failedFuture(e));
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * The step's result when it can be had on the CPS thread without waiting and without a remote
     * call (a wait whose jobs have all ended; a start whose agents are connected, its launches sent
     * on); empty to begin as usual. Saves the hand-off to a pool thread and back, which costs more
     * than an {@code echo}. A mistake it throws is reported by beginning as usual.
     */
    Optional<Object> doneAlready(Authentication auth) throws Exception {
        return Optional.empty();
    }

    @Override
    public boolean start() {
        Optional<Object> done;
        try {
            done = doneAlready(authentication());
        } catch (Exception e) {
            done = Optional.empty(); // begun as usual, which reports the mistake the same way
        }
        if (done.isPresent()) {
            getContext().onSuccess(RemoteJobHandle.wrap(done.get()));
            return true;
        }
        submit();
        return false;
    }

    @Override
    public void onResume() {
        submit();
    }

    /**
     * The authentication to act as: the one that started the step; after a restart (when that one
     * is gone), the build's own, as Pipeline records it for the build (SYSTEM unless the build runs
     * as a user), never SYSTEM by default.
     */
    private Authentication authentication() throws Exception {
        Authentication started = auth;
        return started != null ? started : getContext().get(FlowExecution.class).getAuthentication2();
    }

    private synchronized void submit() {
        CompletableFuture<Object> begun;
        try {
            begun = begin(authentication());
        } catch (Exception e) {
            getContext().onFailure(StepSupport.userFacing(e));
            return;
        }
        running = begun;
        begun.whenComplete((value, failure) -> {
            if (begun.isCancelled()) {
                return; // stop() already reported the cause
            }
            if (failure == null) {
                getContext().onSuccess(RemoteJobHandle.wrap(value));
                return;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof InterruptedException) {
                return; // an abort interrupted it: stop() already reported the cause
            }
            if (cause instanceof JobManagerClosedException) {
                return; // Jenkins shuts down: the step resumes after the restart (onResume)
            }
            getContext().onFailure(cause instanceof Exception e ? StepSupport.userFacing(e) : cause);
        });
    }

    @Override
    public synchronized void stop(Throwable cause) throws Exception {
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }
}
