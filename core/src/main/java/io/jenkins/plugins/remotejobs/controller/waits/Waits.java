package io.jenkins.plugins.remotejobs.controller.waits;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.util.Signal;
import io.jenkins.plugins.remotejobs.util.Threads;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every wait in progress ({@code waitJob}, {@code receiveJob wait: true}), carried out without a
 * thread of its own: a wait is a {@link Round} that looks once and says whether it is over, and
 * this runs each pending round again when the job table changed (the manager's events) or when the
 * round asked to be looked at again. One dispatcher thread and a small pool of workers serve all
 * waits, so thousands of waiting builds cost a bounded number of threads.
 */
public final class Waits implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Waits.class.getName());

    /** Workers for rounds: a round may read output from an agent, so a few run at once. */
    private static final int WORKERS = 4;

    /** One look at a wait: its outcome, or {@link #notYet} with when to look again at the latest. */
    @FunctionalInterface
    public interface Round<T> {
        Outcome<T> run() throws Exception;
    }

    /** @param recheckMillis at the latest, how long until the round must run again without an event */
    public record Outcome<T>(boolean done, T value, long recheckMillis) {
        public static <T> Outcome<T> done(T value) {
            return new Outcome<>(true, value, 0);
        }

        public static <T> Outcome<T> notYet(long recheckMillis) {
            return new Outcome<>(false, null, recheckMillis);
        }
    }

    private final Signal events;
    private final Set<Pending<?>> pending = ConcurrentHashMap.newKeySet();
    /** Waits carried out on their callers' threads ({@link #runHere}). */
    private final java.util.concurrent.atomic.AtomicInteger waitingHere =
            new java.util.concurrent.atomic.AtomicInteger();

    private final ExecutorService workers;
    /**
     * Runs a round again when it asked to be looked at after a while: the dispatcher may be asleep
     * for longer than that (it wakes for events, or for what was due when it went to sleep).
     */
    private final ScheduledExecutorService rechecks;

    private final Thread dispatcher;
    private volatile boolean closed;

    public Waits(Signal events) {
        this.events = events;
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> Threads.daemon(r, "remote-jobs-wait-round"));
        this.rechecks = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "remote-jobs-wait-recheck"));
        this.dispatcher = Threads.daemon(this::dispatch, "remote-jobs-waits");
        dispatcher.start();
    }

    /**
     * Starts a wait: its first round runs at once (on a worker), the next ones as described above.
     * Cancelling the future ends the wait; a round in flight finishes and is discarded.
     */
    public <T> CompletableFuture<T> start(Round<T> round) {
        Pending<T> p = new Pending<>(round);
        if (closed) {
            p.future.completeExceptionally(new JobManagerClosedException());
            return p.future;
        }
        pending.add(p);
        p.future.whenComplete((v, e) -> pending.remove(p));
        schedule(p);
        return p.future;
    }

    /**
     * Carries out a wait on the calling thread, for a caller that blocks anyway (a host whose steps
     * may hold a thread): the rounds are the same, but a change of the job table wakes this thread
     * itself, not the dispatcher and then a worker, so that a short job's end reaches its waiter one
     * or two thread wake-ups sooner. An interrupt (an aborted step) ends the wait.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public <T> T runHere(Round<T> round) throws InterruptedException {
        waitingHere.incrementAndGet();
        try {
            return runRoundsHere(round);
        } finally {
            waitingHere.decrementAndGet();
        }
    }

    private <T> T runRoundsHere(Round<T> round) throws InterruptedException {
        while (true) {
            if (closed) {
                throw new JobManagerClosedException();
            }
            long seen = events.generation();
            Outcome<T> outcome;
            try {
                outcome = round.run();
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (outcome.done()) {
                return outcome.value();
            }
            events.await(seen, Math.max(1, outcome.recheckMillis()));
        }
    }

    /** How many waits are in progress, on the dispatcher's workers and on their callers' threads. */
    public int size() {
        return pending.size() + waitingHere.get();
    }

    private void dispatch() {
        while (!closed) {
            long seen = events.generation();
            long now = System.nanoTime();
            long sleep = 60_000;
            for (Pending<?> p : pending) {
                if (p.isRunning()) {
                    continue; // a round that saw events come while it ran runs again at its end
                } else if (p.due(seen, now)) {
                    schedule(p);
                } else {
                    sleep = Math.min(sleep, p.millisUntilDue(now));
                }
            }
            try {
                events.await(seen, Math.max(1, sleep));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private <T> void schedule(Pending<T> p) {
        if (!p.claim(events.generation())) {
            return; // already running: it looks again when it is done, if something changed meanwhile
        }
        try {
            workers.execute(() -> runRound(p));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.future.completeExceptionally(new JobManagerClosedException());
        }
    }

    private <T> void recheckLater(Pending<T> p, long millis) {
        try {
            rechecks.schedule(
                    () -> {
                        if (p.due(events.generation(), System.nanoTime())) {
                            schedule(p); // an earlier recheck of the same wait finds it not due yet
                        }
                    },
                    Math.max(1, millis),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed: the wait's future is completed by close()
        }
    }

    private <T> void runRound(Pending<T> p) {
        try {
            if (p.future.isDone()) {
                return;
            }
            Outcome<T> outcome = p.round.run();
            if (outcome.done()) {
                p.future.complete(outcome.value());
            } else {
                p.ranRound(outcome.recheckMillis());
                recheckLater(p, outcome.recheckMillis());
            }
        } catch (Throwable e) {
            p.future.completeExceptionally(e);
        } finally {
            p.release();
        }
        if (p.due(events.generation(), System.nanoTime())) {
            // Something changed while the round ran (a short job often ends during its wait's
            // first round): look again now rather than when the dispatcher next wakes.
            schedule(p);
        }
    }

    @Override
    public void close() {
        closed = true;
        events.fire(); // waits on their callers' threads see it
        dispatcher.interrupt();
        rechecks.shutdownNow();
        workers.shutdownNow();
        for (Pending<?> p : pending) {
            p.future.completeExceptionally(new JobManagerClosedException());
        }
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.FINE, "interrupted while closing waits", e);
        }
    }

    /** A wait in progress: its round, its result, and when it ran last. */
    private static final class Pending<T> {
        final Round<T> round;
        final CompletableFuture<T> future = new CompletableFuture<>();
        /** The events' generation its running or last round started at. */
        volatile long generation = -1;
        /** When it must run again even without an event. */
        volatile long dueAt;

        private boolean running;

        Pending(Round<T> round) {
            this.round = round;
        }

        synchronized boolean claim(long currentGeneration) {
            if (running || future.isDone()) {
                return false;
            }
            running = true;
            generation = currentGeneration;
            return true;
        }

        synchronized void release() {
            running = false;
        }

        synchronized boolean isRunning() {
            return running;
        }

        void ranRound(long recheckMillis) {
            dueAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, recheckMillis));
        }

        synchronized boolean due(long currentGeneration, long now) {
            return !running && !future.isDone() && (currentGeneration > generation || now - dueAt >= 0);
        }

        long millisUntilDue(long now) {
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(dueAt - now) + 1);
        }
    }
}
