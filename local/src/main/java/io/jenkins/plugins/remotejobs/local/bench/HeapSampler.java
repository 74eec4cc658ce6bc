package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.Row;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The controller's live heap while something runs: a full collection, then the used heap, every
 * {@code period} milliseconds on a thread of its own. Forcing the collection is what makes the
 * figure the live data rather than garbage not yet collected (with 24 GB of memory the default young
 * generation alone is far larger than the 64 MiB P6 allows); it slows what is measured, so the
 * throughput figures are never taken with a sampler running.
 */
final class HeapSampler implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long baseline;
    private final Thread thread;
    private volatile boolean stopped;
    private long max; // guarded by this

    private HeapSampler(long periodMillis) {
        this.baseline = liveHeap();
        this.max = baseline;
        this.thread = new Thread(
                () -> {
                    while (!stopped) {
                        try {
                            Thread.sleep(periodMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                        sample();
                    }
                },
                "remote-jobs bench heap sampler");
        thread.setDaemon(true);
    }

    /** Takes the baseline (after a full collection) and starts sampling. */
    static HeapSampler start(long periodMillis) {
        HeapSampler s = new HeapSampler(periodMillis);
        s.thread.start();
        return s;
    }

    /** Used heap right after a full collection, in bytes. */
    static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * The row of a controller's live heap while jobs ran: the larger of the samples taken before and
     * after ({@link #liveHeap}), in MiB, below {@code limitMib}.
     */
    static Row liveHeapRow(String id, String what, long before, long after, double limitMib) {
        return Row.below(id, what, Math.max(before, after) / (double) (1 << 20), "MiB", limitMib);
    }

    private synchronized void sample() {
        max = Math.max(max, liveHeap());
    }

    /** The largest live heap seen, a last sample included, above the baseline; in bytes. */
    long growth() {
        close();
        sample();
        synchronized (this) {
            return Math.max(0, max - baseline);
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
