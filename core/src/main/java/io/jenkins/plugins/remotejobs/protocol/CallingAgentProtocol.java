package io.jenkins.plugins.remotejobs.protocol;

import java.io.IOException;
import java.util.List;

/**
 * {@link AgentProtocol} over a transport: every operation becomes its {@link AgentCall}, which
 * {@link #call} carries to the agent and back. A transport says only how it makes a call.
 */
public abstract class CallingAgentProtocol implements AgentProtocol {

    /** Runs {@code call} on the agent's job cache and returns its answer. */
    protected abstract <V> V call(AgentCall<V> call) throws IOException;

    @Override
    public JobStatus launch(LaunchRequest request) throws IOException {
        return call(new AgentCall.Launch(request));
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        return call(new AgentCall.Status(instanceId));
    }

    @Override
    public List<JobStatus> list() throws IOException {
        return call(new AgentCall.ListJobs());
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        return call(new AgentCall.Read(requests, byteBudget, waitMillis));
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        return call(new AgentCall.Commit(instanceId, stream, expected, to));
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        return call(new AgentCall.Stop(instanceId));
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        return call(new AgentCall.Release(instanceId));
    }

    @Override
    public void remove(String instanceId, boolean force) throws IOException {
        call(new AgentCall.Remove(instanceId, force));
    }
}
