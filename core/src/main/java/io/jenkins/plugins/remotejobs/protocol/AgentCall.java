package io.jenkins.plugins.remotejobs.protocol;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * One operation of {@link AgentProtocol} as a value: what a transport carries to the agent (a
 * remoting callable, a loopback call), where {@link #on} runs it on the agent's job cache. So each
 * transport has one way to make every call ({@link CallingAgentProtocol}), and the agent one way to
 * answer it. The calls are plain records of this package, which the class filters of both
 * transports admit, and nothing else.
 *
 * @param <V> what the operation answers
 */
public sealed interface AgentCall<V> extends Serializable {

    /** Runs the operation on the agent's job cache. */
    V on(AgentProtocol cache) throws IOException;

    record Launch(LaunchRequest request) implements AgentCall<JobStatus> {
        @Override
        public JobStatus on(AgentProtocol cache) throws IOException {
            return cache.launch(request);
        }
    }

    record Status(String instanceId) implements AgentCall<JobStatus> {
        @Override
        public JobStatus on(AgentProtocol cache) throws IOException {
            return cache.status(instanceId);
        }
    }

    record ListJobs() implements AgentCall<List<JobStatus>> {
        /** Whatever list type the cache returns, a reply filter only has to know one. */
        @Override
        public List<JobStatus> on(AgentProtocol cache) throws IOException {
            return List.copyOf(cache.list());
        }
    }

    record Read(List<ReadRequest> requests, int byteBudget, long waitMillis) implements AgentCall<ReadResult> {
        public Read {
            requests = List.copyOf(requests);
        }

        @Override
        public ReadResult on(AgentProtocol cache) throws IOException {
            return cache.read(requests, byteBudget, waitMillis);
        }
    }

    record Commit(String instanceId, StreamName stream, long expected, long to) implements AgentCall<CommitResult> {
        @Override
        public CommitResult on(AgentProtocol cache) throws IOException {
            return cache.commit(instanceId, stream, expected, to);
        }
    }

    record Stop(String instanceId) implements AgentCall<JobStatus> {
        @Override
        public JobStatus on(AgentProtocol cache) throws IOException {
            return cache.stop(instanceId);
        }
    }

    record Release(String instanceId) implements AgentCall<JobStatus> {
        @Override
        public JobStatus on(AgentProtocol cache) throws IOException {
            return cache.release(instanceId);
        }
    }

    /** Answers {@code true}: a transport's call always has an answer to carry back. */
    record Remove(String instanceId, boolean force) implements AgentCall<Boolean> {
        @Override
        public Boolean on(AgentProtocol cache) throws IOException {
            cache.remove(instanceId, force);
            return Boolean.TRUE;
        }
    }
}
