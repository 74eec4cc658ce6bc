package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents of a benchmark that starts no agent JVM: a fixed set of nodes, each reachable through
 * its protocol (a {@link SimulatedAgent}) or never (no protocol: P5's finished jobs need none).
 * They never come or go, so listeners hear nothing.
 */
record FixedAgents(Map<String, AgentProtocol> agents) implements AgentDirectory {

    /** Nodes that exist but are never reachable. */
    static FixedAgents unreachable(List<String> nodes) {
        Map<String, AgentProtocol> none = new LinkedHashMap<>();
        nodes.forEach(node -> none.put(node, null));
        return new FixedAgents(none);
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(agents.keySet());
    }

    @Override
    public List<String> nodesWithLabel(String label) {
        return List.of();
    }

    @Override
    public boolean exists(String node) {
        return agents.containsKey(node);
    }

    @Override
    public Optional<AgentProtocol> connect(String node) {
        return Optional.ofNullable(agents.get(node));
    }

    @Override
    public void addListener(AgentListener listener) {}
}
