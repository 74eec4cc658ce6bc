package io.jenkins.plugins.remotejobs.remoting;

import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent protocol over a node's remoting channel: each operation is one small named callable
 * (see {@link AgentCalls}) run by the agent's job cache. Every call has a timeout, which remoting's
 * {@code VirtualChannel.call} lacks, so one stuck agent cannot stall the controller.
 */
final class ChannelAgentProtocol implements AgentProtocol {

    /** Longer than the longest wait a read may ask the agent for. */
    private static final long CALL_TIMEOUT_SECONDS = 90;

    private final String node;
    private final VirtualChannel channel;
    private final String root;

    ChannelAgentProtocol(String node, VirtualChannel channel, String root) {
        this.node = node;
        this.channel = channel;
        this.root = root;
    }

    private <V> V call(Callable<V, IOException> callable) throws IOException {
        Future<V> future = channel.callAsync(callable);
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(node + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(node + " did not answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + node, e);
        }
    }

    @Override
    public JobStatus launch(LaunchRequest request) throws IOException {
        return call(new AgentCalls.Launch(root, request));
    }

    @Override
    public JobStatus status(String instanceId) throws IOException {
        return call(new AgentCalls.Status(root, instanceId));
    }

    @Override
    public List<JobStatus> list() throws IOException {
        return call(new AgentCalls.ListJobs(root));
    }

    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        return call(new AgentCalls.Read(root, List.copyOf(requests), byteBudget, waitMillis));
    }

    @Override
    public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
        return call(new AgentCalls.Commit(root, instanceId, stream, expected, to));
    }

    @Override
    public JobStatus stop(String instanceId) throws IOException {
        return call(new AgentCalls.Stop(root, instanceId));
    }

    @Override
    public JobStatus release(String instanceId) throws IOException {
        return call(new AgentCalls.Release(root, instanceId));
    }

    @Override
    public void remove(String instanceId, boolean force) throws IOException {
        call(new AgentCalls.Remove(root, instanceId, force));
    }
}
