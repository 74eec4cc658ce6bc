package io.jenkins.plugins.remotejobs.agent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The operations under way on a job cache, so that closing it can wait until none of them can
 * still write to its root: only then may the root's lock pass to the next owner (the cache of an
 * agent's next connection), which must not rebuild its jobs while this one still changes their
 * files (a stop request it would not know of, a pid it would miss). A read steps out while it
 * waits for news ({@link #awayWhile}), so that closing does not wait for a long poll. Thread-safe.
 */
final class InFlight {

    /** One operation, ended by {@link #close}. */
    interface Operation extends AutoCloseable {
        @Override
        void close();
    }

    /** What a read does while it is not counted: waiting for events. */
    interface Waiting {
        void run() throws InterruptedException;
    }

    private final Path root;
    private final Operation ending = this::end;
    // guarded by this:
    private int running;
    private boolean closed;

    InFlight(Path root) {
        this.root = root;
    }

    /**
     * Starts an operation.
     *
     * @throws IOException once the cache is closed: a closed cache answers nothing, as an agent
     *     that went away
     */
    synchronized Operation begin() throws IOException {
        requireOpen();
        running++;
        return ending;
    }

    private synchronized void end() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * Runs {@code waiting} with the caller's operation not counted, then counts it again.
     *
     * @throws IOException when the cache closed meanwhile (the operation must then write nothing)
     */
    void awayWhile(Waiting waiting) throws IOException, InterruptedException {
        end();
        try {
            waiting.run();
        } finally {
            synchronized (this) {
                running++; // the caller's own close() ends it, whatever happens here
                // Also over an interruption (a channel that closes interrupts its calls first):
                // a read interrupted while the cache closed must not go on to answer from it.
                requireOpen();
            }
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the job cache at " + root + " is closed");
        }
    }

    /** Refuses new operations from now on; {@code false} if that was so already. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Waits until no operation is under way (every one started before {@link #close} has ended). */
    synchronized void awaitNone() {
        boolean interrupted = false;
        while (running > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the lock must not be released under a writer; keep waiting
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
