package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.CacheInUseException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job cache handing its root over to the next owner (the cache of an agent's next connection):
 * closing releases the lock as soon as nothing of the old cache can still write there, and no
 * sooner; a waiting read does not hold the hand-over up; a refused open leaves nothing behind.
 */
class JobCacheHandOverTest {

    private static final Duration CEILING = Duration.ofSeconds(30);

    @RegisterExtension
    final OneJobCache caches = OneJobCache.unopened();

    private JobCache open() throws IOException {
        JobCache cache = JobCache.open(caches.root(), Duration.ofSeconds(1));
        return caches.closedAfter(cache);
    }

    private static <T> CompletableFuture<T> inBackground(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return result;
    }

    @Test
    void aReadThatWaitsEndsAnsweringNothingWhenTheCacheClosesAndTheNextOwnerGetsTheRootAtOnce() throws Exception {
        JobCache old = open();
        String id = old.launch(JobCacheTest.sh("sleep 60")).instanceId();
        // A long poll as the controller's monitor makes: it would wait 30 s for news.
        CompletableFuture<Object> read = inBackground(() -> old.read(
                List.of(new ReadRequest(id, StreamName.STDOUT, 0, 1024, AgentJobState.RUNNING)), 1024, 30_000));

        old.close();

        assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
        JobCache next = open();
        assertThat(next.status(id).state()).isEqualTo(AgentJobState.RUNNING);
        next.stop(id);
    }

    @Test
    void theRootPassesOnOnlyOnceAnOperationUnderWayHasWrittenWhatItWrites() throws Exception {
        JobCache old = open();
        String id = old.launch(JobCacheTest.sh("sleep 60")).instanceId();
        CachedJob job = old.cachedJob(id);
        CompletableFuture<Object> stop;
        Thread closing;
        synchronized (job) { // as a concurrent operation on the job would: the stop waits inside the cache
            stop = inBackground(() -> old.stop(id));
            await().atMost(CEILING).until(() -> !stop.isDone() && blockedOn(job));
            closing = new Thread(old::close);
            closing.start();
            await().atMost(CEILING)
                    .until(() -> closing.getState() == Thread.State.WAITING
                            || closing.getState() == Thread.State.TERMINATED);

            // The stop has not written its request yet: a next owner must not rebuild the job now.
            assertThatThrownBy(() -> JobCache.open(caches.root())).isInstanceOf(CacheInUseException.class);
        }
        stop.get(CEILING.toSeconds(), TimeUnit.SECONDS);
        closing.join(CEILING.toMillis());
        assertThat(closing.isAlive()).isFalse();

        JobCache next = open();
        assertThat(await().atMost(CEILING)
                        .until(() -> next.status(id), s -> s.state().isFinished())
                        .state())
                .as("the next owner knows of the stop the old one recorded")
                .isEqualTo(AgentJobState.STOPPED);
    }

    /** Whether some thread waits for the job's lock (the background stop: nothing else takes it). */
    private static boolean blockedOn(Object lock) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getState() == Thread.State.BLOCKED) {
                StackTraceElement[] trace = t.getStackTrace();
                for (StackTraceElement e : trace) {
                    if (e.getClassName().equals(JobEndings.class.getName())
                            || e.getClassName().equals(JobCache.class.getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void refusedOpensLeaveNoThreadAndNoSupervisorBehind() throws Exception {
        JobCache owner = open();
        long before = cacheThreads();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> JobCache.open(caches.root(), Duration.ofSeconds(1), "portable"))
                    .isInstanceOf(CacheInUseException.class);
        }
        assertThat(cacheThreads()).isEqualTo(before);
        String supervisorOfThisRoot = "-Dremotejobs.supervisor=" + caches.root().toRealPath();
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(supervisorOfThisRoot))
                        .count())
                .isZero();
        assertThat(owner.list()).isEmpty();
    }

    private static long cacheThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("remote-jobs-"))
                .count();
    }
}
