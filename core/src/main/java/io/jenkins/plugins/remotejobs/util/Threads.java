package io.jenkins.plugins.remotejobs.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The engine's threads: daemons (they never hold a JVM open), named for thread dumps. */
public final class Threads {

    private Threads() {}

    /** A new, unstarted daemon thread running {@code r}. */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A pool of at most {@code max} threads named {@code name}, which reuses idle ones and keeps
     * none that idle for long. Work beyond {@code max} at once runs on the thread that hands it in;
     * once the pool is shut down, handing work in throws {@link RejectedExecutionException}.
     */
    public static ExecutorService bounded(String name, int max) {
        return new ThreadPoolExecutor(
                0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> daemon(r, name), (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException(name + " is shut down");
                    }
                    task.run();
                });
    }
}
