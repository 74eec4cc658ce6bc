package io.jenkins.plugins.remotejobs.util;

/**
 * A generation counter to wait on: whoever changes something calls {@link #fire}; whoever waits
 * remembers {@link #generation}, re-checks its condition, and {@link #await}s the next change. The
 * engine's waits (a reader waiting for output, {@code waitJob}, a monitor with nothing to do) are
 * all built on this, so none of them is a sleeping poll loop.
 */
public final class Signal {

    private long generation;

    public synchronized long generation() {
        return generation;
    }

    public synchronized void fire() {
        generation++;
        notifyAll();
    }

    /**
     * Returns once the generation has moved past {@code seen}, or after {@code millis}.
     *
     * @throws InterruptedException when the waiting thread is interrupted (an aborted step)
     */
    public synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (generation == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
