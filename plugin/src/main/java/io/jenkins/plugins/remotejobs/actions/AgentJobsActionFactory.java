package io.jenkins.plugins.remotejobs.actions;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Computer;
import hudson.model.Node;
import io.jenkins.plugins.remotejobs.NodeRules;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the Remote Jobs page to every agent jobs may run on, for users who may configure it. */
@Extension
public final class AgentJobsActionFactory extends TransientActionFactory<Computer> {

    @Override
    public Class<Computer> type() {
        return Computer.class;
    }

    @Override
    public Collection<? extends Action> createFor(Computer target) {
        Node node = target.getNode();
        if (node == null || !NodeRules.isAllowed(node) || !target.hasPermission(Computer.EXTENDED_READ)) {
            return List.of();
        }
        return List.of(new AgentJobsAction(target));
    }
}
