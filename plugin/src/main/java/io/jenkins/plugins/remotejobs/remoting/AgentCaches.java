package io.jenkins.plugins.remotejobs.remoting;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent side: the job cache of each root, opened once per agent JVM. A reconnecting agent loads our
 * classes again in a new class loader while the old cache may still hold the root's lock; the
 * previous owner is found through a JVM-wide entry typed as {@link AutoCloseable} (a JDK type both
 * class loaders share) and closed first, so the new connection takes over instead of failing.
 */
final class AgentCaches {

    private static final Map<String, JobCache> OPEN = new ConcurrentHashMap<>();
    private static final String GLOBAL_KEY = "io.jenkins.plugins.remotejobs.cache:";

    private AgentCaches() {}

    static JobCache open(String root) throws IOException {
        JobCache cache = OPEN.get(root);
        if (cache != null) {
            return cache;
        }
        synchronized (AgentCaches.class) {
            cache = OPEN.get(root);
            if (cache == null) {
                closeStaleOwner(root);
                cache = JobCache.open(Path.of(root));
                OPEN.put(root, cache);
                System.getProperties().put(GLOBAL_KEY + root, (AutoCloseable) cache);
            }
            return cache;
        }
    }

    private static void closeStaleOwner(String root) {
        Object previous = System.getProperties().remove(GLOBAL_KEY + root);
        if (previous instanceof AutoCloseable stale) {
            try {
                stale.close();
            } catch (Exception e) {
                // The stale owner is gone either way; opening reports a lock still held.
            }
        }
    }
}
