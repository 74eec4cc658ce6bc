package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.local.agents.AgentMain;

/** TEST FIXTURE: an agent JVM main serving an {@link InMemoryJobCache} instead of the real job cache. */
public final class TestAgentMain {

    private TestAgentMain() {}

    public static void main(String[] args) {
        AgentMain.serve(args, InMemoryJobCache::open);
    }
}
