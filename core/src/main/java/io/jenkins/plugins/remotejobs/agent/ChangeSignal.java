package io.jenkins.plugins.remotejobs.agent;

/** A generation counter that waiting readers block on; bumped when a job starts, ends or is stopped. */
final class ChangeSignal {

    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** Waits until the generation moves past {@code seen}, or for at most {@code millis}. */
    synchronized void await(long seen, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (generation == seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
