package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real job caches in this JVM, one per node, for engine tests that need no process boundary (the
 * cross-process tests in the local module use agent JVMs). A node can be taken offline and back.
 */
final class InProcessAgents implements AgentDirectory, AutoCloseable {

    private final Path home;
    private final Map<String, JobCache> caches = new LinkedHashMap<>();
    private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();

    InProcessAgents(Path home, String... nodes) throws IOException {
        this.home = home;
        for (String node : nodes) {
            caches.put(node, JobCache.open(home.resolve(node), Duration.ofSeconds(2)));
        }
    }

    synchronized void disconnect(String node) {
        caches.put(node, null).close();
        listeners.forEach(l -> l.disconnected(node));
    }

    synchronized void reconnect(String node) throws IOException {
        caches.put(node, JobCache.open(home.resolve(node), Duration.ofSeconds(2)));
        listeners.forEach(l -> l.connected(node));
    }

    /** The node's job cache itself, as code on that node reaches it; {@code null} while it is offline. */
    synchronized JobCache cache(String node) {
        return caches.get(node);
    }

    @Override
    public synchronized List<String> nodes() {
        return new ArrayList<>(caches.keySet());
    }

    @Override
    public List<String> nodesWithLabel(String label) {
        return label.equals("all") ? nodes() : List.of();
    }

    @Override
    public synchronized boolean exists(String node) {
        return caches.containsKey(node);
    }

    /**
     * The node's cache as over a channel: a call that a disconnection overtakes fails as on a
     * closed channel, even if the cache answered it (the reply is lost with the channel), and so
     * does any later call through it.
     */
    @Override
    public synchronized Optional<AgentProtocol> connect(String node) {
        JobCache cache = caches.get(node);
        if (cache == null) {
            return Optional.empty();
        }
        return Optional.of((AgentProtocol) Proxy.newProxyInstance(
                AgentProtocol.class.getClassLoader(),
                new Class<?>[] {AgentProtocol.class, Connection.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Connection.class) {
                        return node;
                    }
                    requireConnected(node, cache);
                    Object result;
                    try {
                        result = method.invoke(cache, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    requireConnected(node, cache);
                    return result;
                }));
    }

    /** What a connection says of itself: the node it reaches. */
    interface Connection {
        String node();
    }

    private synchronized void requireConnected(String node, JobCache cache) throws IOException {
        if (caches.get(node) != cache) {
            throw new IOException("the channel to " + node + " is closed");
        }
    }

    @Override
    public void addListener(AgentListener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void close() {
        caches.values().stream().filter(c -> c != null).forEach(JobCache::close);
    }
}
