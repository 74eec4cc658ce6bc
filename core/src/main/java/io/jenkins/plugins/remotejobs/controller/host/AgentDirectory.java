package io.jenkins.plugins.remotejobs.controller.host;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.util.List;
import java.util.Optional;

/**
 * How the job manager finds agents: the one thing each host (Jenkins, the local host) provides.
 * Reachability means "has a channel now", nothing more.
 */
public interface AgentDirectory {

    /** Every node jobs may run on, in a stable order. */
    List<String> nodes();

    /** The nodes a label expression selects, in a stable order; empty when none matches. */
    List<String> nodesWithLabel(String label);

    /** Whether the node is known to the host at all (reachable or not). */
    boolean exists(String node);

    /** The node's job cache if it is reachable now, else empty. Never blocks for long. */
    Optional<AgentProtocol> connect(String node);

    /** Registers a listener for agents coming, going and being deleted. */
    void addListener(AgentListener listener);

    /** Called by hosts when reachability changes; implementations must return quickly. */
    interface AgentListener {
        /** The node has a channel again (first connection or reconnection, e.g. after a restart). */
        void connected(String node);

        /** The node's channel went away; its jobs may still run. */
        void disconnected(String node);

        /** The node was deleted: nothing on it will ever report back. */
        default void deleted(String node) {}
    }
}
