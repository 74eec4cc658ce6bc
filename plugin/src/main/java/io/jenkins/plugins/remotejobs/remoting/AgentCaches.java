package io.jenkins.plugins.remotejobs.remoting;

import hudson.remoting.Channel;
import io.jenkins.plugins.remotejobs.agent.ConnectionBoundCache;
import io.jenkins.plugins.remotejobs.agent.JobCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Agent side: the job cache of each root, kept as long as the channel that opened it ({@link
 * ConnectionBoundCache}). It lives in a property of the agent's channel, not in global JVM state
 * (system properties are shown on the agent's System Information page and in support bundles), and
 * is closed when that channel closes, which frees the root's lock for the next connection. A
 * reconnecting agent may open its new channel a moment before the old one's cache has let go: the
 * new one waits that moment for the lock.
 */
final class AgentCaches {

    private static final String KEY = "io.jenkins.plugins.remotejobs.cache:";
    /**
     * How long a new connection waits for the previous connection's cache to let go of the root:
     * that cache waits for its operations in flight, a launch through the portable launcher at most
     * a supervisor's start. Shorter than a call's timeout on the controller, which retries.
     */
    private static final Duration TAKE_OVER = Duration.ofSeconds(60);

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
            JobCache cache = ConnectionBoundCache.open(Path.of(root), new ChannelConnection(channel), TAKE_OVER);
            channel.setProperty(KEY + root, cache);
            return cache;
        }
    }

    /** A remoting channel as the connection a job cache lives as long as. */
    private static final class ChannelConnection implements ConnectionBoundCache.Connection {
        private final Channel channel;

        ChannelConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public boolean isClosed() {
            return channel.isClosingOrClosed();
        }

        @Override
        public Runnable whenClosed(Runnable onClose) {
            RunOnClose listener = new RunOnClose(onClose);
            channel.addListener(listener);
            return () -> channel.removeListener(listener);
        }
    }

    private static final class RunOnClose extends Channel.Listener {
        private final Runnable onClose;

        RunOnClose(Runnable onClose) {
            this.onClose = onClose;
        }

        @Override
        public void onClosed(Channel channel, IOException cause) {
            onClose.run();
        }
    }
}
