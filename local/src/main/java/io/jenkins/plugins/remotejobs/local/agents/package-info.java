/**
 * Local agents: the agent JVM's main class, the launcher that starts one agent JVM and waits for it,
 * and {@link io.jenkins.plugins.remotejobs.local.agents.LocalAgents}, which supervises a fixed set of
 * them and is the local host's {@code AgentDirectory}.
 */
package io.jenkins.plugins.remotejobs.local.agents;
