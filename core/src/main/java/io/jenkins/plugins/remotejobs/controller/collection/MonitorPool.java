package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.util.Threads;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads every node's {@link NodeMonitor} runs on: at most {@link #THREADS}, whatever the
 * number of agents, started only when a step finds no idle one (four busy agents take four
 * threads, as a thread per node did) and ended after a minute without work.
 *
 * <p>A round may wait on the agent side for news (a long poll) only while the nodes with jobs to
 * watch fit in the pool; beyond that no round waits, so a node never queues behind others' long
 * polls, and a node with nothing new is looked at again after a delay that grows while it stays
 * quiet (see {@link NodeMonitor}).
 */
public final class MonitorPool {

    private static final Logger LOG = Logger.getLogger(MonitorPool.class.getName());
    public static final int THREADS = 16;
    private static final long IDLE_THREAD_MILLIS = 60_000;

    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final Set<NodeMonitor> watching = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private int started;
    private int idle;
    private int running;
    private boolean closed;

    MonitorPool() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "remote-jobs-monitor-timer"));
    }

    /** Whether a round may wait on its agent: true while every node with jobs can have a thread. */
    boolean mayWaitOnAgent() {
        return watching.size() <= THREADS;
    }

    /** Tells the pool whether {@code monitor} has jobs to watch now. */
    void watching(NodeMonitor monitor, boolean hasJobs) {
        if (hasJobs) {
            watching.add(monitor);
        } else {
            watching.remove(monitor);
        }
    }

    /** Runs {@code step} on a pool thread as soon as one is free; false once the pool is closed. */
    synchronized boolean execute(Runnable step) {
        if (closed) {
            return false;
        }
        ready.add(step);
        if (idle > 0) {
            notify();
        } else if (started < THREADS) {
            started++;
            Threads.daemon(this::work, "remote-jobs-monitor-" + started).start();
        }
        return true;
    }

    /** Calls {@code action} after {@code millis}, on the pool's timer thread (it must be quick). */
    ScheduledFuture<?> schedule(Runnable action, long millis) {
        return timer.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    private void work() {
        while (true) {
            Runnable step;
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_THREAD_MILLIS);
                while (ready.isEmpty()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (closed || left <= 0) {
                        started--;
                        notifyAll();
                        return;
                    }
                    idle++;
                    try {
                        wait(left);
                    } catch (InterruptedException e) {
                        started--;
                        notifyAll();
                        return;
                    } finally {
                        idle--;
                    }
                }
                step = ready.poll();
                running++;
            }
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "a job monitor's step failed", e);
            } finally {
                synchronized (this) {
                    running--;
                    notifyAll();
                }
            }
        }
    }

    /**
     * Takes no more steps and waits up to {@code millis} for the ones running to end (a round in
     * flight ends within the agent's wait; its results must not outlive the job table). No
     * interrupt: it would close the NIO channels a monitor writes through.
     */
    synchronized void close(long millis) throws InterruptedException {
        closed = true;
        ready.clear();
        timer.shutdownNow();
        notifyAll();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (running > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
