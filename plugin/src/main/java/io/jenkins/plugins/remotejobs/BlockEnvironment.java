package io.jenkins.plugins.remotejobs;

import hudson.EnvVars;
import hudson.model.Computer;
import hudson.model.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The variables that the blocks around a step set for its jobs: {@code withEnv}, {@code
 * withCredentials}, and any other step that contributes an {@link EnvironmentExpander}. The
 * expander is applied to the node's own environment, as for {@code sh} inside {@code node}, so
 * that {@code PATH+X} prepends to the node's {@code PATH}; what it changed goes to the job's
 * process. Nothing of it is kept: it is worked out again from the step's context for each launch,
 * so a credential's value reaches the process and no file (the arguments Pipeline records are the
 * step's own, and {@code env:} is one of them).
 */
final class BlockEnvironment {

    private final EnvironmentExpander expander;

    /** @param expander the step context's expander, or {@code null} outside any such block */
    BlockEnvironment(EnvironmentExpander expander) {
        this.expander = expander;
    }

    /** {@code NAME=value} for each variable the blocks set or changed, against {@code nodeName}'s environment. */
    List<String> forNode(String nodeName) throws IOException, InterruptedException {
        if (expander == null) {
            return List.of();
        }
        Node node = Jenkins.get().getNode(nodeName);
        Computer computer = node == null ? null : node.toComputer();
        if (computer == null || computer.getChannel() == null) {
            throw new IOException("node " + nodeName + " is not connected");
        }
        EnvVars base = computer.getEnvironment();
        EnvVars expanded = new EnvVars(base);
        expander.expand(expanded);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : expanded.entrySet()) {
            if (!e.getValue().equals(base.get(e.getKey()))) {
                changed.add(e.getKey() + "=" + e.getValue());
            }
        }
        return changed;
    }
}
