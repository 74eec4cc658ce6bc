package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.local.transport.RemoteAgentClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one named agent running: starts it, publishes its client once ready, and when its process
 * exits withdraws the client, reports the loss and starts it again after a backoff that grows while
 * it keeps dying young. All state changes run on the supervisor's single thread, so a listener always
 * hears {@code disconnected} before the {@code connected} of the next incarnation.
 */
final class SupervisedAgent {

    /** Notified on the supervisor thread. */
    interface Events {
        void connected(String name);

        void disconnected(String name);
    }

    private static final System.Logger LOG = System.getLogger(SupervisedAgent.class.getName());
    private static final long BASE_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    /** An agent that lived shorter than this counts as a failed start for the backoff. */
    private static final long HEALTHY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String name;
    private final AgentLauncher launcher;
    private final ScheduledExecutorService supervisor;
    private final Events events;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    private volatile RemoteAgentClient client;
    // guarded by this:
    private AgentProcess current;
    private boolean closed;
    private int failures;
    private long readySince;

    SupervisedAgent(String name, AgentLauncher launcher, ScheduledExecutorService supervisor, Events events) {
        this.name = name;
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.events = events;
    }

    /** Starts the first incarnation; the future completes when it is ready, or fails with why it is not. */
    CompletableFuture<Void> start() {
        supervisor.execute(this::launch);
        return firstReady;
    }

    Optional<RemoteAgentClient> client() {
        return Optional.ofNullable(client);
    }

    synchronized OptionalLong pid() {
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /** Stops restarting and asks the current incarnation to exit; see {@link #awaitStop}. */
    synchronized void requestStop() {
        closed = true;
        client = null;
        if (current != null) {
            current.requestStop();
        }
    }

    void awaitStop(Duration grace) throws InterruptedException {
        AgentProcess process;
        synchronized (this) {
            process = current;
        }
        if (process != null) {
            process.stop(grace);
        }
    }

    private void launch() {
        AgentProcess process;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                process = launcher.start(name);
            } catch (IOException e) {
                firstReady.completeExceptionally(e);
                long delay = backoffAfterFailure();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0} could not be started ({1}); trying again in {2} ms",
                        name,
                        e.getMessage(),
                        delay);
                supervisor.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
                return;
            }
            current = process;
        }
        process.ready().whenCompleteAsync((ready, error) -> onReady(process, ready, error), supervisor);
        process.onExit().thenRunAsync(() -> onExit(process), supervisor);
    }

    private void onReady(AgentProcess process, RemoteAgentClient ready, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            // Whether or not its exit was handled first, a failed first start must be reported.
            firstReady.completeExceptionally(cause);
            LOG.log(System.Logger.Level.WARNING, cause.getMessage());
            process.kill(); // its exit schedules the next attempt
            return;
        }
        synchronized (this) {
            if (process != current || closed) {
                return;
            }
            client = ready;
            readySince = System.nanoTime();
        }
        firstReady.complete(null);
        events.connected(name);
    }

    private void onExit(AgentProcess process) {
        boolean wasConnected;
        long delay;
        synchronized (this) {
            if (process != current) {
                return;
            }
            current = null;
            wasConnected = client != null;
            client = null;
            if (closed) {
                return;
            }
            delay = wasConnected && System.nanoTime() - readySince >= HEALTHY_NANOS
                    ? resetBackoff()
                    : backoffAfterFailure();
            supervisor.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "{0} (pid {1}) exited; starting it again in {2} ms",
                name,
                Long.toString(process.pid()),
                Long.toString(delay));
        if (wasConnected) {
            events.disconnected(name);
        }
    }

    private long resetBackoff() {
        failures = 0;
        return BASE_BACKOFF_MILLIS;
    }

    private long backoffAfterFailure() {
        failures = Math.min(failures + 1, 6);
        return Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << failures);
    }
}
