package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;

/**
 * TEST FIXTURE: a process of its own that knows where an agent listens (its stub: host, port and
 * object id, which are no secret) but not the run's secret, and tries to use it. Prints one line:
 * {@code refused: <message>} or {@code accepted: <n> jobs}.
 */
public final class Intruder {

    private Intruder() {}

    public static void main(String[] args) {
        try {
            RemoteAgentClient client = RemoteAgentClient.connect("agent-1", args[0], AgentSecret.generate());
            System.out.println("accepted: " + client.list().size() + " jobs");
        } catch (IOException | RuntimeException e) {
            System.out.println("refused: " + e.getMessage());
        }
        System.exit(0);
    }
}
