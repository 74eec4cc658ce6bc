package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.rmi.Remote;
import java.util.List;

/**
 * {@link AgentProtocol} as an RMI remote interface: the same operations with the same contracts,
 * each taking the per-run secret first. A call with a wrong secret is refused with a
 * {@link SecurityException} before the job cache is touched. Callers use {@link RemoteAgentClient},
 * which supplies the secret and turns transport failures into messages naming the agent.
 */
public interface RemoteJobCache extends Remote {

    /** See {@link AgentProtocol#launch}. */
    JobStatus launch(byte[] secret, LaunchRequest request) throws IOException;

    /** See {@link AgentProtocol#status}. */
    JobStatus status(byte[] secret, String instanceId) throws IOException;

    /** See {@link AgentProtocol#list}. */
    List<JobStatus> list(byte[] secret) throws IOException;

    /** See {@link AgentProtocol#read}. */
    ReadResult read(byte[] secret, List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException;

    /** See {@link AgentProtocol#commit}. */
    CommitResult commit(byte[] secret, String instanceId, StreamName stream, long expected, long to) throws IOException;

    /** See {@link AgentProtocol#stop}. */
    JobStatus stop(byte[] secret, String instanceId) throws IOException;

    /** See {@link AgentProtocol#release}. */
    JobStatus release(byte[] secret, String instanceId) throws IOException;

    /** See {@link AgentProtocol#remove}. */
    void remove(byte[] secret, String instanceId, boolean force) throws IOException;
}
