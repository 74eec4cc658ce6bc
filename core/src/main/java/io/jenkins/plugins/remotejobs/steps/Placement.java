package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.List;

/**
 * Where {@code remoteJob} runs its script, as the user said it: on one node ({@code node:}, a single
 * job), on a list of nodes ({@code nodes:}, a parent job with one child per node, in list order), or
 * on every online node of a label ({@code label:}, a parent job; the host expands the label when the
 * job starts). Exactly one component is set; the constructor rejects anything else with a plain
 * {@link IllegalArgumentException}, since only code reaches it unvalidated.
 *
 * @param node the one node, or {@code null}
 * @param nodes the distinct nodes, non-empty and immutable, or {@code null}
 * @param label the label expression, or {@code null}
 */
public record Placement(String node, List<String> nodes, String label) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Placement {
        int set = (node != null ? 1 : 0) + (nodes != null ? 1 : 0) + (label != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of node, nodes and label must be set");
        }
        if (nodes != null) {
            nodes = List.copyOf(nodes);
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("nodes must not be empty");
            }
        }
    }

    public static Placement onNode(String node) {
        return new Placement(node, null, null);
    }

    public static Placement onNodes(List<String> nodes) {
        return new Placement(null, nodes, null);
    }

    public static Placement onLabel(String label) {
        return new Placement(null, null, label);
    }

    /** Whether the job is a parent with one child per node ({@code nodes:} or {@code label:}). */
    public boolean isParent() {
        return node == null;
    }
}
