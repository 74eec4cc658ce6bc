package io.jenkins.plugins.remotejobs.local.runner;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.local.agents.LocalAgents;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.nio.file.Path;

/** What a running script sees: the steps, the agents, and who is calling (which workspace). */
record RunContext(JobSteps steps, LocalAgents agents, LocalCaller caller) {

    RunContext inNode(String node) {
        if (!agents.exists(node)) {
            throw new JobException(
                    "node: unknown node '" + node + "'; known nodes: " + String.join(", ", agents.nodes()));
        }
        Path workspace = agents.workspace(node);
        return new RunContext(steps, agents, caller.in(workspace));
    }

    String firstNode() {
        return agents.nodes().get(0);
    }
}
