package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;

/** The agent-side object behind the stub: checks the secret, then hands the call to the job cache. */
final class ExportedJobCache implements RemoteJobCache {

    private final AgentProtocol cache;
    private final AgentSecret secret;
    private final String agentName;

    ExportedJobCache(AgentProtocol cache, AgentSecret secret, String agentName) {
        this.cache = cache;
        this.secret = secret;
        this.agentName = agentName;
    }

    @Override
    public JobStatus launch(byte[] secret, LaunchRequest request) throws IOException {
        check(secret);
        return cache.launch(request);
    }

    @Override
    public JobStatus status(byte[] secret, String instanceId) throws IOException {
        check(secret);
        return cache.status(instanceId);
    }

    @Override
    public List<JobStatus> list(byte[] secret) throws IOException {
        check(secret);
        // Whatever list type the cache returns, the controller's reply filter only has to know one.
        return List.copyOf(cache.list());
    }

    @Override
    public ReadResult read(byte[] secret, List<ReadRequest> requests, int byteBudget, long waitMillis)
            throws IOException {
        check(secret);
        return cache.read(List.copyOf(requests), byteBudget, waitMillis);
    }

    @Override
    public CommitResult commit(byte[] secret, String instanceId, StreamName stream, long expected, long to)
            throws IOException {
        check(secret);
        return cache.commit(instanceId, stream, expected, to);
    }

    @Override
    public JobStatus stop(byte[] secret, String instanceId) throws IOException {
        check(secret);
        return cache.stop(instanceId);
    }

    @Override
    public JobStatus release(byte[] secret, String instanceId) throws IOException {
        check(secret);
        return cache.release(instanceId);
    }

    @Override
    public void remove(byte[] secret, String instanceId, boolean force) throws IOException {
        check(secret);
        cache.remove(instanceId, force);
    }

    private void check(byte[] candidate) {
        if (!secret.matches(candidate)) {
            System.err.println("remote-jobs " + agentName + ": refused a call with a wrong secret");
            throw new SecurityException("wrong secret");
        }
    }
}
