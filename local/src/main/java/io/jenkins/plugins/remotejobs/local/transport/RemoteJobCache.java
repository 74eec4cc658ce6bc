package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.io.IOException;
import java.rmi.Remote;

/**
 * {@link AgentProtocol} as an RMI remote interface: each operation is one {@link AgentCall}, with
 * its contract, handed over with the per-run secret. A call with a wrong secret is refused with a
 * {@link SecurityException} before the job cache is touched. Callers use {@link RemoteAgentClient},
 * which supplies the secret and turns transport failures into messages naming the agent.
 */
public interface RemoteJobCache extends Remote {

    /** Runs {@code call} on the agent's job cache. */
    <V> V call(byte[] secret, AgentCall<V> call) throws IOException;
}
