package io.jenkins.plugins.remotejobs.remoting;

import hudson.remoting.Channel;
import io.jenkins.plugins.remotejobs.agent.JobCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Agent side: the job cache of each root, kept as long as the channel that opened it. It lives in
 * a property of the agent's channel, not in global JVM state (system properties are shown on the
 * agent's System Information page and in support bundles), and is closed when that channel closes,
 * which frees the root's lock for the next connection. A reconnecting agent may open its new
 * channel a moment before the old one is closed: the new one waits that moment for the lock.
 */
final class AgentCaches {

    private static final String KEY = "io.jenkins.plugins.remotejobs.cache:";
    /** How long a new connection waits for the previous connection's cache to let go of the root. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(30);

    private AgentCaches() {}

    static JobCache open(String root) throws IOException {
        Channel channel = Channel.current();
        if (channel == null) {
            throw new IOException("the job cache is opened only by calls through an agent's channel");
        }
        // Not the channel's own monitor: remoting synchronizes on it to send.
        synchronized (AgentCaches.class) {
            Object known = channel.getProperty(KEY + root);
            if (known instanceof JobCache cache) {
                return cache;
            }
            JobCache cache = openWhenFree(Path.of(root));
            channel.setProperty(KEY + root, cache);
            channel.addListener(new CloseWithChannel(cache));
            return cache;
        }
    }

    private static JobCache openWhenFree(Path root) throws IOException {
        long deadline = System.nanoTime() + TAKE_OVER.toNanos();
        while (true) {
            try {
                return JobCache.open(root);
            } catch (IOException heldByThePreviousConnection) {
                boolean held =
                        String.valueOf(heldByThePreviousConnection.getMessage()).contains("already in use");
                if (!held || System.nanoTime() - deadline > 0) {
                    throw heldByThePreviousConnection;
                }
                try {
                    Thread.sleep(200); // a lock held by a closing channel: no event to wait on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw heldByThePreviousConnection;
                }
            }
        }
    }

    /** Closes a cache when the channel that opened it closes; its running jobs go on. */
    private static final class CloseWithChannel extends Channel.Listener {
        private final JobCache cache;

        CloseWithChannel(JobCache cache) {
            this.cache = cache;
        }

        @Override
        public void onClosed(Channel channel, IOException cause) {
            cache.close();
        }
    }
}
