package io.jenkins.plugins.remotejobs.remoting;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * One controller-to-agent callable per protocol operation, each delegating to the job cache of its
 * root on the agent. They carry only plain serializable values; the cache validates every id.
 */
final class AgentCalls {

    private AgentCalls() {}

    /** The part every operation shares: find the agent's cache for the root, then act on it. */
    abstract static class CacheCall<V> extends MasterToSlaveCallable<V, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;

        CacheCall(String root) {
            this.root = root;
        }

        abstract V on(JobCache cache) throws IOException;

        @Override
        public final V call() throws IOException {
            return on(AgentCaches.open(root));
        }
    }

    static final class Launch extends CacheCall<JobStatus> {
        private static final long serialVersionUID = 1L;
        private final LaunchRequest request;

        Launch(String root, LaunchRequest request) {
            super(root);
            this.request = request;
        }

        @Override
        JobStatus on(JobCache cache) throws IOException {
            return cache.launch(request);
        }
    }

    static final class Status extends CacheCall<JobStatus> {
        private static final long serialVersionUID = 1L;
        private final String instanceId;

        Status(String root, String instanceId) {
            super(root);
            this.instanceId = instanceId;
        }

        @Override
        JobStatus on(JobCache cache) throws IOException {
            return cache.status(instanceId);
        }
    }

    static final class ListJobs extends CacheCall<List<JobStatus>> {
        private static final long serialVersionUID = 1L;

        ListJobs(String root) {
            super(root);
        }

        @Override
        List<JobStatus> on(JobCache cache) throws IOException {
            return List.copyOf(cache.list());
        }
    }

    static final class Read extends CacheCall<ReadResult> {
        private static final long serialVersionUID = 1L;
        private final List<ReadRequest> requests;
        private final int byteBudget;
        private final long waitMillis;

        Read(String root, List<ReadRequest> requests, int byteBudget, long waitMillis) {
            super(root);
            this.requests = requests;
            this.byteBudget = byteBudget;
            this.waitMillis = waitMillis;
        }

        @Override
        ReadResult on(JobCache cache) throws IOException {
            return cache.read(requests, byteBudget, waitMillis);
        }
    }

    static final class Commit extends CacheCall<CommitResult> {
        private static final long serialVersionUID = 1L;
        private final String instanceId;
        private final StreamName stream;
        private final long expected;
        private final long to;

        Commit(String root, String instanceId, StreamName stream, long expected, long to) {
            super(root);
            this.instanceId = instanceId;
            this.stream = stream;
            this.expected = expected;
            this.to = to;
        }

        @Override
        CommitResult on(JobCache cache) throws IOException {
            return cache.commit(instanceId, stream, expected, to);
        }
    }

    static final class Stop extends CacheCall<JobStatus> {
        private static final long serialVersionUID = 1L;
        private final String instanceId;

        Stop(String root, String instanceId) {
            super(root);
            this.instanceId = instanceId;
        }

        @Override
        JobStatus on(JobCache cache) throws IOException {
            return cache.stop(instanceId);
        }
    }

    static final class Release extends CacheCall<JobStatus> {
        private static final long serialVersionUID = 1L;
        private final String instanceId;

        Release(String root, String instanceId) {
            super(root);
            this.instanceId = instanceId;
        }

        @Override
        JobStatus on(JobCache cache) throws IOException {
            return cache.release(instanceId);
        }
    }

    static final class Remove extends CacheCall<Boolean> {
        private static final long serialVersionUID = 1L;
        private final String instanceId;
        private final boolean force;

        Remove(String root, String instanceId, boolean force) {
            super(root);
            this.instanceId = instanceId;
            this.force = force;
        }

        @Override
        Boolean on(JobCache cache) throws IOException {
            cache.remove(instanceId, force);
            return Boolean.TRUE;
        }
    }
}
