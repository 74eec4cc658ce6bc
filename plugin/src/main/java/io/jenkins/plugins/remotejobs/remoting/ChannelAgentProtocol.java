package io.jenkins.plugins.remotejobs.remoting;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import io.jenkins.plugins.remotejobs.protocol.CallingAgentProtocol;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent protocol over a node's remoting channel: each operation is one {@link AgentCall}, carried
 * by the one callable {@link CacheCall} and run by the agent's job cache. Every call has a timeout, which remoting's
 * {@code VirtualChannel.call} lacks, so one stuck agent cannot stall the controller.
 */
final class ChannelAgentProtocol extends CallingAgentProtocol {

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

    @Override
    protected <V> V call(AgentCall<V> call) throws IOException {
        Future<V> future = channel.callAsync(new CacheCall<>(root, call));
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(node + ": " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            // Remoting ends a call whose channel closes under it with an unchecked exception
            // (RequestAbortedException): for the engine that is a call that may or may not have
            // arrived, as any other broken channel.
            throw new IOException(node + ": " + e, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(node + " did not answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + node, e);
        }
    }
}
