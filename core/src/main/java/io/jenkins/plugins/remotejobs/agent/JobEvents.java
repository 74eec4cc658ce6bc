package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.Threads;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which jobs of a cache changed, for reads that wait: a launch, a stop, and any file a job's
 * directory gains or a job appends to (its output, its exit status), seen through
 * the operating system's file events ({@link WatchService}: inotify on Linux). A reader waits only
 * for the jobs it asked about, so a busy cache does not re-read every job each time one of them
 * changes, and nothing re-checks the disk on a timer.
 *
 * <p>Where file events are not available (a platform whose watch service itself polls, a directory
 * the kernel refuses to watch, for example past the inotify limit), the jobs concerned fall back to
 * a re-check every {@link #POLL_MILLIS} while someone waits on them. A wrapper killed before it could
 * write its exit status is seen by a slower re-check ({@link #watchProcess}). Thread-safe.
 */
final class JobEvents implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobEvents.class.getName());
    static final long POLL_MILLIS = 10;
    static final long LIVENESS_POLL_MILLIS = 250;

    private final WatchService watcher;
    private final Map<WatchKey, String> keys = new ConcurrentHashMap<>();
    private final Map<String, WatchKey> keysById = new ConcurrentHashMap<>();
    private final Set<String> unwatched = ConcurrentHashMap.newKeySet();
    private final Set<String> detached = ConcurrentHashMap.newKeySet();
    /** Jobs whose watch is being set up: a job released meanwhile loses its id here. */
    private final Set<String> registering = new java.util.HashSet<>();

    private final ExecutorService registrar;
    // guarded by this:
    private boolean closed;
    private long generation;
    private final Map<String, Long> changedAt = new HashMap<>();
    /** The generations reads in progress began at, and how many began at each. */
    private final java.util.TreeMap<Long, Integer> readers = new java.util.TreeMap<>();

    private JobEvents(WatchService watcher) {
        this.watcher = watcher;
        this.registrar = Executors.newSingleThreadExecutor(r -> Threads.daemon(r, "remote-jobs-cache-watch"));
        if (watcher != null) {
            Threads.daemon(this::dispatch, "remote-jobs-cache-events").start();
        }
    }

    /** Events through the file system's watch service, or re-checks where it has none worth using. */
    static JobEvents open() {
        WatchService w = null;
        try {
            w = FileSystems.getDefault().newWatchService();
            if (w.getClass().getName().endsWith("PollingWatchService")) {
                // The JDK's fallback polls every few seconds: slower than re-checking ourselves.
                w.close();
                w = null;
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "no file events; re-checking jobs while reads wait", e);
        }
        return new JobEvents(w);
    }

    /**
     * Starts watching a job's directory, off the caller's path: registering goes through the watch
     * service's own thread, a wake-up a launch should not wait for. Once the watch is in place,
     * reads waiting on the job look at it once more, which covers whatever it did before. Falls
     * back to re-checks when watching fails.
     */
    void watch(String instanceId, Path dir) {
        if (watcher == null) {
            unwatched.add(instanceId);
            return;
        }
        synchronized (registering) {
            registering.add(instanceId);
        }
        try {
            registrar.execute(() -> register(instanceId, dir));
        } catch (RejectedExecutionException e) {
            // closed: re-checks it is
        }
    }

    private void register(String instanceId, Path dir) {
        WatchKey key;
        try {
            key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot watch " + dir + "; re-checking it while reads wait", e);
            synchronized (registering) {
                if (registering.remove(instanceId)) {
                    unwatched.add(instanceId);
                }
            }
            changed(instanceId);
            return;
        }
        synchronized (registering) {
            if (!registering.remove(instanceId)) {
                key.cancel(); // released or removed meanwhile
                return;
            }
            keys.put(key, instanceId);
            keysById.put(instanceId, key);
        }
        changed(instanceId);
    }

    /**
     * Waits on this job also re-check every {@link #LIVENESS_POLL_MILLIS}: its wrapper is no child
     * of this JVM, so a wrapper that dies without writing its exit status (killed by the stop
     * escalation, by hand, by the kernel) sends no event. Every other ending does: the wrapper's
     * exit status file.
     */
    void watchProcess(String instanceId) {
        detached.add(instanceId);
    }

    /** Stops watching a job whose output is gone (released): nothing it does matters to a read any more. */
    void unwatch(String instanceId) {
        detached.remove(instanceId);
        WatchKey key;
        synchronized (registering) {
            registering.remove(instanceId);
            key = keysById.remove(instanceId);
        }
        if (key != null) {
            keys.remove(key);
            key.cancel();
        }
    }

    /** Stops watching a job that was removed (waking whoever waits on it). */
    void forget(String instanceId) {
        unwatched.remove(instanceId);
        unwatch(instanceId);
        changed(instanceId);
    }

    /** Something about this job changed: wakes the reads that wait on it. */
    synchronized void changed(String instanceId) {
        generation++;
        changedAt.put(instanceId, generation);
        notifyAll();
    }

    /**
     * Starts a read: returns the generation its waits compare against. Every {@code begin} must be
     * followed by one {@link #end} with the value returned.
     */
    synchronized long begin() {
        readers.merge(generation, 1, Integer::sum);
        return generation;
    }

    /** Ends a read begun at {@code seen}; marks no read can need any more are dropped. */
    synchronized void end(long seen) {
        readers.computeIfPresent(seen, (k, n) -> n == 1 ? null : n - 1);
        if (readers.isEmpty()) {
            changedAt.clear();
        } else {
            long oldest = readers.firstKey();
            changedAt.values().removeIf(at -> at <= oldest);
        }
    }

    /**
     * Waits until one of {@code instanceIds} changed after generation {@code seen} (a value from
     * {@link #begin}, or a later {@link #generation}), or {@code millis} passed, or the events were
     * closed. Returns early, as if
     * something changed, when one of them is not watched and a re-check is due.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    synchronized void await(Collection<String> instanceIds, long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (instanceIds.stream().anyMatch(unwatched::contains)) {
            deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        } else if (instanceIds.stream().anyMatch(detached::contains)) {
            deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIVENESS_POLL_MILLIS));
        }
        while (!closed && !anyChanged(instanceIds, seen)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** Whether one of the jobs changed after {@code seen}. */
    synchronized boolean anyChanged(Collection<String> instanceIds, long seen) {
        if (generation == seen) {
            return false;
        }
        for (String id : instanceIds) {
            Long at = changedAt.get(id);
            if (at != null && at > seen) {
                return true;
            }
        }
        return false;
    }

    synchronized long generation() {
        return generation;
    }

    private void dispatch() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            String id = keys.get(key);
            if (id != null) {
                changed(id);
            }
            if (!key.reset()) {
                keys.remove(key);
            }
        }
    }

    /** Stops watching; reads that wait return at once. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        registrar.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the watch service failed", e);
            }
        }
    }
}
