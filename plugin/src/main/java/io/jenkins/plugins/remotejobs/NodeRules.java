package io.jenkins.plugins.remotejobs;

import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.slaves.AbstractCloudSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import java.util.Set;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Where jobs may start: never on the built-in node, never on cloud agents (their retention strategy
 * would terminate an agent that runs jobs but holds no executor), only on agents the global setting
 * selects, and only where the build's authentication may build.
 */
public final class NodeRules {

    private NodeRules() {}

    /** Whether jobs may run on {@code node} at all, whoever asks. */
    public static boolean isAllowed(Node node) {
        return refusal(node) == null;
    }

    /** What users call the built-in node: its label (and its name before Jenkins 2.307), and its empty node name. */
    private static final Set<String> BUILT_IN_NAMES = Set.of("built-in", "master", "");

    /** Whether {@code nodeName} is one of the names users give the built-in node. */
    public static boolean isBuiltInName(String nodeName) {
        return BUILT_IN_NAMES.contains(nodeName);
    }

    /**
     * Refuses {@code nodeName} with a message naming the rule, or returns quietly.
     *
     * @throws JobException when jobs may not start there for {@code auth}
     */
    public static void check(String nodeName, Authentication auth) {
        if (isBuiltInName(nodeName)) {
            // Jenkins.getNode knows agents only: the built-in node would read as an unknown node.
            throw new JobException(Messages.NodeRules_builtIn());
        }
        Node node = Jenkins.get().getNode(nodeName);
        if (node == null) {
            throw new JobException(Messages.NodeRules_unknownNode(nodeName));
        }
        String refused = refusal(node);
        if (refused != null) {
            throw new JobException(refused);
        }
        if (!node.hasPermission2(auth, Computer.BUILD)) {
            throw new JobException(Messages.NodeRules_noBuildPermission(auth.getName(), nodeName));
        }
    }

    private static String refusal(Node node) {
        if (node instanceof Jenkins) {
            return Messages.NodeRules_builtIn();
        }
        if (node instanceof AbstractCloudSlave) {
            return Messages.NodeRules_cloudAgent(node.getNodeName());
        }
        String allowed = RemoteJobsConfiguration.get().getAllowedNodes();
        if (!allowed.isEmpty()) {
            Label label = Jenkins.get().getLabel(allowed);
            if (label == null || !label.contains(node)) {
                return Messages.NodeRules_notAllowed(node.getNodeName(), allowed);
            }
        }
        return null;
    }
}
