package io.jenkins.plugins.remotejobs.controller.model;

import java.util.List;

/**
 * What to start, as validated from {@code remoteJob}'s arguments.
 *
 * @param node one node (a single job), or null
 * @param nodes several nodes (a parent job with one child each), or null
 * @param label every node with this label (a parent job), or null
 * @param script the script
 * @param shell its shell
 * @param name display name, or null for {@code Job<id>}
 * @param keepOnAgent agent mode instead of controller mode
 * @param dir working directory on the agent, or null
 * @param env {@code K=V} entries for the process only
 * @param timeoutSeconds 0 for none
 * @param throttle how many children start at once
 */
public record StartSpec(
        String node,
        List<String> nodes,
        String label,
        String script,
        String shell,
        String name,
        boolean keepOnAgent,
        String dir,
        List<String> env,
        long timeoutSeconds,
        int throttle) {

    /** Never prints the environment's values. */
    @Override
    public String toString() {
        return "StartSpec[" + (node != null ? node : nodes != null ? nodes : "label " + label) + ", " + shell + "]";
    }
}
