package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent's job cache across its connections, as a Jenkins agent has them: each connection (a
 * remoting channel) opens the cache for itself and closes it when it ends, and a reconnecting
 * agent's new connection takes the root over once the old one has let go.
 */
class ConnectionBoundCacheTest {

    private static final Duration TAKE_OVER = Duration.ofSeconds(30);

    @RegisterExtension
    final OneJobCache caches = OneJobCache.unopened();

    /**
     * A connection that closes as remoting's {@code Channel} does: the listeners it holds when it
     * closes run once; one added after it closed never runs ({@code Channel.addListener} only adds
     * to a copy-on-write list, which {@code Channel.terminate} walks once).
     */
    static final class Connection implements ConnectionBoundCache.Connection {
        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public Runnable whenClosed(Runnable onClose) {
            listeners.add(onClose);
            return () -> listeners.remove(onClose);
        }

        int listeners() {
            return listeners.size();
        }

        void close() {
            closed = true;
            listeners.forEach(Runnable::run);
        }
    }

    private JobCache open(Connection connection, Duration takeOver) throws IOException {
        JobCache cache = ConnectionBoundCache.open(caches.root(), connection, takeOver);
        return caches.closedAfter(cache);
    }

    private CompletableFuture<JobCache> openInBackground(Connection connection) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return open(connection, TAKE_OVER);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static JobStatus runsAJob(JobCache cache) throws IOException {
        String id = cache.launch(JobCacheTest.sh("echo hi")).instanceId();
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> cache.status(id), s -> s.state().isFinished());
    }

    @Test
    void theNextConnectionGetsAWorkingCacheAsSoonAsThePreviousOneCloses() throws Exception {
        Connection first = new Connection();
        JobCache old = open(first, TAKE_OVER);
        Connection second = new Connection();
        CompletableFuture<JobCache> next = openInBackground(second);

        first.close();

        JobCache cache = next.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(old::list).hasMessageContaining("closed");
        assertThat(runsAJob(cache).exitCode()).isZero();
    }

    @Test
    void aConnectionThatClosesWhileItsCacheIsOpeningLeavesTheRootToTheNextOne() throws Exception {
        // The root is still held (by the cache of a connection before, closing slowly) when a
        // connection asks for it; that connection closes while it waits.
        JobCache previous = JobCache.open(caches.root());
        Connection dying = new Connection();
        CompletableFuture<JobCache> dyingOpen = openInBackground(dying);
        dying.close();
        previous.close();

        assertThatThrownBy(() -> dyingOpen.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
        JobCache cache = open(new Connection(), Duration.ofSeconds(5));
        assertThat(runsAJob(cache).exitCode()).isZero();
    }

    @Test
    void aConnectionWhoseOpenIsRefusedKeepsNoListenerAndGetsTheCacheOnceItIsFree() throws Exception {
        JobCache otherOwner = JobCache.open(caches.root());
        Connection connection = new Connection();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> open(connection, Duration.ofMillis(100)))
                    .isInstanceOf(io.jenkins.plugins.remotejobs.util.CacheInUseException.class)
                    .hasMessageContaining("this same process")
                    .hasMessageContaining("most likely an agent process of an earlier connection");
        }
        assertThat(connection.listeners()).isZero();
        otherOwner.close();
        JobCache cache = open(connection, TAKE_OVER);
        assertThat(connection.listeners()).isEqualTo(1);
        connection.close();
        assertThatThrownBy(cache::list).hasMessageContaining("closed");
    }
}
