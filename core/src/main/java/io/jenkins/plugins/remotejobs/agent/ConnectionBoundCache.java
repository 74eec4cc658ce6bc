package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.CacheInUseException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A job cache that lives exactly as long as one connection of its agent (in Jenkins: a remoting
 * channel), so that the root's lock passes from a connection that ended to the next one. The
 * cache is closed when its connection closes, including when that happens while the cache is
 * still opening: the close hook is in place before the cache exists, and a connection found closed
 * once it exists closes it at once. A connection that ended never gets a cache, which nothing
 * would ever close, and whose lock would refuse every later connection of the agent.
 *
 * <p>A reconnecting agent may open its new connection while the old one's cache is still closing
 * (it waits for the operations in flight, {@link JobCache#close}): the new one retries until the
 * old one has let go, up to {@code takeOver}. The old cache lives in another class loader (one per
 * connection), so there is no event to wait on: a lock attempt every {@link #RETRY_MILLIS}, which
 * costs a system call.
 */
public final class ConnectionBoundCache {

    static final long RETRY_MILLIS = 50;

    /** What the cache needs of a connection. */
    public interface Connection {
        /** Whether the connection is closed or closing: nothing it asks for is wanted any more. */
        boolean isClosed();

        /**
         * Runs {@code onClose} once when the connection closes. It may never run for a connection
         * that closed before it was added (remoting's {@code Channel.addListener}): {@link
         * #isClosed} then says so. Returns what takes it off again.
         */
        Runnable whenClosed(Runnable onClose);
    }

    private ConnectionBoundCache() {}

    /**
     * Opens the cache at {@code root} for {@code connection}, waiting up to {@code takeOver} for a
     * previous owner to let go.
     *
     * @throws CacheInUseException when the root was still owned after {@code takeOver}
     * @throws IOException when the connection closed meanwhile (no cache is left open), or the
     *     cache cannot be opened
     */
    public static JobCache open(Path root, Connection connection, Duration takeOver) throws IOException {
        CloseWithConnection closer = new CloseWithConnection();
        Runnable forget = connection.whenClosed(closer::connectionClosed);
        JobCache cache;
        try {
            cache = openWhenFree(root, connection, takeOver);
        } catch (IOException | RuntimeException e) {
            forget.run(); // a connection whose opens keep failing gathers no listeners
            throw e;
        }
        if (!closer.hold(cache) || connection.isClosed()) {
            cache.close();
            throw closedMeanwhile(root);
        }
        return cache;
    }

    private static JobCache openWhenFree(Path root, Connection connection, Duration takeOver) throws IOException {
        long deadline = System.nanoTime() + takeOver.toNanos();
        while (true) {
            if (connection.isClosed()) {
                throw closedMeanwhile(root);
            }
            try {
                return JobCache.open(root);
            } catch (CacheInUseException held) {
                if (System.nanoTime() - deadline > 0) {
                    throw stillHeld(held, takeOver);
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw held;
                }
            }
        }
    }

    /**
     * The refusal as the controller records it for the jobs it cannot reach: what holds the root,
     * and why that is likely and passes. An agent process whose connection went without its
     * noticing (half-open: the controller restarted or the network dropped without a word)
     * keeps the root until remoting's ping closes that connection there, minutes later.
     */
    private static CacheInUseException stillHeld(CacheInUseException held, Duration takeOver) {
        return new CacheInUseException(held.getMessage() + " (waited " + takeOver.toSeconds()
                + " s for it): most likely an agent process of an earlier connection that has not"
                + " noticed yet that it is gone; this connection serves the jobs as soon as that"
                + " one ends");
    }

    private static IOException closedMeanwhile(Path root) {
        return new IOException("the agent's connection closed while it was opening the job cache at " + root);
    }

    /** Closes the cache it holds when the connection closes, or the cache it is handed after that. */
    private static final class CloseWithConnection {
        private JobCache cache;
        private boolean closed;

        /** Whether the cache is now held; {@code false} once the connection closed (the caller closes it). */
        synchronized boolean hold(JobCache opened) {
            if (closed) {
                return false;
            }
            cache = opened;
            return true;
        }

        void connectionClosed() {
            JobCache held;
            synchronized (this) {
                closed = true;
                held = cache;
            }
            if (held != null) {
                held.close(); // outside the monitor: it waits for the operations in flight
            }
        }
    }
}
