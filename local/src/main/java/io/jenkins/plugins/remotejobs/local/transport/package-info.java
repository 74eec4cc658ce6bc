/**
 * The local host's loopback transport: an agent JVM exports its {@code AgentProtocol} over JDK RMI
 * and the controller calls it through {@link io.jenkins.plugins.remotejobs.local.transport.RemoteAgentClient}.
 *
 * <p>Three locks on one door: the agent listens on 127.0.0.1 only; every connection starts with a
 * mutual challenge-response on the per-run {@link io.jenkins.plugins.remotejobs.local.transport.AgentSecret}
 * and every call carries the secret too; both sides deserialize only an allow-list of classes,
 * checked before any argument or reply is built.
 */
package io.jenkins.plugins.remotejobs.local.transport;
