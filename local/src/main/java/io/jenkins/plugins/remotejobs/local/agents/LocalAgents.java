package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.util.Threads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The local host's agents: {@code agent-1} … {@code agent-N}, each a JVM on this machine serving its
 * own job cache over the loopback transport, kept running by a supervisor.
 *
 * <p>{@link #start} returns once every agent is ready, or fails naming the agent that is not (and
 * stops the others). Afterwards an agent whose process dies, for whatever reason, is reported
 * {@code disconnected}, started again after a short backoff and reported {@code connected} once
 * ready; listeners hear only of changes after they registered, on the supervisor's thread. Every
 * agent carries the labels {@code local} and its own name. {@link #close()} stops the agents and
 * notifies nobody. Agents exit by themselves when this JVM dies, however it dies.
 */
public final class LocalAgents implements AgentDirectory, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalAgents.class.getName());
    private static final String LOCAL_LABEL = "local";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final AgentLauncher launcher;
    private final Map<String, SupervisedAgent> agents = new LinkedHashMap<>();
    private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;

    private LocalAgents(AgentLauncher launcher) {
        this.launcher = launcher;
        this.supervisor =
                Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "remote-jobs agent supervisor"));
    }

    /** Starts {@code count} agents under {@code home} with a fresh secret, in parallel. */
    public static LocalAgents start(Path home, int count) throws IOException {
        return start(new AgentLauncher(home, AgentSecret.generate()), count);
    }

    /** Starts {@code count} agents with {@code launcher}, in parallel; returns once all are ready. */
    public static LocalAgents start(AgentLauncher launcher, int count) throws IOException {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("the number of agents must be between 1 and 256, not " + count);
        }
        LocalAgents local = new LocalAgents(launcher);
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String name = "agent-" + i;
            SupervisedAgent agent = new SupervisedAgent(name, launcher, local.supervisor, local.new Events());
            local.agents.put(name, agent);
            started.put(name, agent.start());
        }
        try {
            local.awaitAll(started);
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    private void awaitAll(Map<String, CompletableFuture<Void>> started) throws IOException {
        long deadline =
                System.nanoTime() + launcher.readyTimeout().plusSeconds(10).toNanos();
        IOException failure = null;
        for (Map.Entry<String, CompletableFuture<Void>> e : started.entrySet()) {
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException x) {
                IOException cause = x.getCause() instanceof IOException io
                        ? io
                        : new IOException(e.getKey() + " did not start: " + x.getCause(), x.getCause());
                failure = addFailure(failure, cause);
            } catch (TimeoutException x) {
                failure = addFailure(failure, new IOException(e.getKey() + " did not start in time"));
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting agents", x);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException addFailure(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(agents.keySet());
    }

    /** Nodes carrying a label; the expression is one label or labels joined by {@code ||}. */
    @Override
    public List<String> nodesWithLabel(String label) {
        List<String> wanted = LabelExpression.alternatives(label);
        List<String> matching = new ArrayList<>();
        for (String node : agents.keySet()) {
            if (labels(node).stream().anyMatch(wanted::contains)) {
                matching.add(node);
            }
        }
        return List.copyOf(matching);
    }

    /** The labels of a node: {@code local} and its name. */
    public Set<String> labels(String node) {
        requireKnown(node);
        return Set.of(LOCAL_LABEL, node);
    }

    @Override
    public boolean exists(String node) {
        return node != null && agents.containsKey(node);
    }

    /** The agent's client if it is ready now; empty while it restarts or when unknown. Never blocks. */
    @Override
    public Optional<AgentProtocol> connect(String node) {
        SupervisedAgent agent = node == null ? null : agents.get(node);
        return agent == null ? Optional.empty() : agent.client().map(c -> c);
    }

    @Override
    public void addListener(AgentListener listener) {
        listeners.add(listener);
    }

    /** The directory an agent's jobs may use as their working tree ({@code <home>/agents/<node>/workspace}). */
    public Path workspace(String node) {
        requireKnown(node);
        return launcher.workspace(node);
    }

    /** The OS process id of the agent's current JVM, empty while it is not running. */
    public OptionalLong pid(String node) {
        requireKnown(node);
        return agents.get(node).pid();
    }

    /** Stops every agent (closing its standard input, then terminating stragglers); idempotent. */
    @Override
    public void close() {
        agents.values().forEach(SupervisedAgent::requestStop);
        try {
            for (SupervisedAgent agent : agents.values()) {
                agent.awaitStop(STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            supervisor.shutdownNow();
        }
    }

    private void requireKnown(String node) {
        if (!exists(node)) {
            throw new IllegalArgumentException("no local agent named " + node + "; the agents are " + nodes());
        }
    }

    /** Fans agent events out to the listeners; one failing listener does not silence the others. */
    private final class Events implements SupervisedAgent.Events {
        @Override
        public void connected(String name) {
            tell("connected(" + name + ")", l -> l.connected(name));
        }

        @Override
        public void disconnected(String name) {
            tell("disconnected(" + name + ")", l -> l.disconnected(name));
        }

        private void tell(String event, Consumer<AgentListener> call) {
            for (AgentListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a listener failed on " + event, e);
                }
            }
        }
    }
}
