package io.jenkins.plugins.remotejobs.controller.waits;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for agents to connect, as {@code node} waits for an executor: on the hosts' connect
 * events, up to a deadline, by default the reconnect grace. What a start waits on, a stop whose
 * answer was lost, a step run again after a controller restart, and a host that needs an agent's
 * own resources again (a workspace). Thread-safe.
 */
public final class AgentWaits {

    private final AgentDirectory directory;
    private final Supplier<Limits> limits;
    private final BooleanSupplier closed;
    /** Fired whenever an agent connects. */
    private final Signal connecting = new Signal();

    public AgentWaits(AgentDirectory directory, Supplier<Limits> limits, BooleanSupplier closed) {
        this.directory = directory;
        this.limits = limits;
        this.closed = closed;
    }

    /** An agent connected: whoever waits looks again. */
    public void connected() {
        connecting.fire();
    }

    /**
     * Waits up to the reconnect grace for {@code node}'s agent.
     *
     * @return whether it is connected
     * @throws InterruptedException when the waiting step is aborted
     */
    public boolean awaitConnected(String node) throws InterruptedException {
        return await(node, graceDeadline()).isPresent();
    }

    /**
     * Waits up to the reconnect grace, one deadline for all, for the agents of {@code nodes}.
     *
     * @throws InterruptedException when the waiting step is aborted
     */
    public void awaitAll(Collection<String> nodes) throws InterruptedException {
        long deadline = graceDeadline();
        for (String node : nodes) {
            await(node, deadline);
        }
    }

    /**
     * The node's agent, waiting until {@code deadlineNanos} (a {@link System#nanoTime} value) for it
     * to connect; empty if it did not, or once the manager is closed.
     *
     * @throws InterruptedException when the waiting step is aborted
     */
    public Optional<AgentProtocol> await(String node, long deadlineNanos) throws InterruptedException {
        while (true) {
            long seen = connecting.generation();
            Optional<AgentProtocol> agent = directory.connect(node);
            long left = deadlineNanos - System.nanoTime();
            if (agent.isPresent() || left <= 0 || closed.getAsBoolean()) {
                return agent;
            }
            // Hosts report connections as events; the bounded wait also covers one that does not.
            connecting.await(seen, Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 1_000));
        }
    }

    private long graceDeadline() {
        return System.nanoTime() + limits.get().reconnectGrace().toNanos();
    }
}
