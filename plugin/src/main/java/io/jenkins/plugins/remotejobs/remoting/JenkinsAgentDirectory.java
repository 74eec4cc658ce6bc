package io.jenkins.plugins.remotejobs.remoting;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.NodeRules;
import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;

/**
 * The agents of this Jenkins as the job manager sees them. A node is reachable when its computer
 * has a channel (not when it is "online": an agent marked temporarily offline still serves its kept
 * output). Its job cache lives under the node's root path, in {@code remote-jobs/}.
 */
public final class JenkinsAgentDirectory implements AgentDirectory {

    /** The job cache's folder under an agent's root path. */
    static final String CACHE_DIR = "remote-jobs";

    private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public List<String> nodes() {
        List<String> names = new ArrayList<>();
        for (Node node : Jenkins.get().getNodes()) {
            if (NodeRules.isAllowed(node)) {
                names.add(node.getNodeName());
            }
        }
        return names;
    }

    @Override
    public List<String> nodesWithLabel(String label) {
        Label l = Jenkins.get().getLabel(label);
        List<String> names = new ArrayList<>();
        if (l == null) {
            return names;
        }
        for (Node node : Jenkins.get().getNodes()) {
            if (l.contains(node) && NodeRules.isAllowed(node)) {
                names.add(node.getNodeName());
            }
        }
        return names;
    }

    /**
     * Agents, and the built-in node under the names users give it: it exists (so that a step naming
     * it is refused by {@link NodeRules}, saying why), though no job may run there.
     */
    @Override
    public boolean exists(String node) {
        return NodeRules.isBuiltInName(node) || Jenkins.get().getNode(node) != null;
    }

    @Override
    public Optional<AgentProtocol> connect(String nodeName) {
        Node node = Jenkins.get().getNode(nodeName);
        if (node == null) {
            return Optional.empty();
        }
        Computer computer = node.toComputer();
        VirtualChannel channel = computer == null ? null : computer.getChannel();
        FilePath root = node.getRootPath();
        if (channel == null || root == null) {
            return Optional.empty();
        }
        return Optional.of(new ChannelAgentProtocol(nodeName, channel, cacheRoot(root)));
    }

    /** Where the job cache of the node with root path {@code root} is, as a path on that node. */
    static String cacheRoot(FilePath root) {
        return root.child(CACHE_DIR).getRemote();
    }

    @Override
    public void addListener(AgentListener listener) {
        listeners.add(listener);
    }

    void fireConnected(String node) {
        listeners.forEach(l -> l.connected(node));
    }

    void fireDisconnected(String node) {
        listeners.forEach(l -> l.disconnected(node));
    }

    void fireDeleted(String node) {
        listeners.forEach(l -> l.deleted(node));
    }
}
