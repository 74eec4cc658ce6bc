package io.jenkins.plugins.remotejobs.remoting;

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
 * One controller-to-agent callable per protocol operation, each delegating to the agent's job
 * cache. They carry only plain serializable values; the cache validates every id before use.
 */
final class AgentCalls {

    private AgentCalls() {}

    static final class Launch extends MasterToSlaveCallable<JobStatus, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final LaunchRequest request;

        Launch(String root, LaunchRequest request) {
            this.root = root;
            this.request = request;
        }

        @Override
        public JobStatus call() throws IOException {
            return AgentCaches.open(root).launch(request);
        }
    }

    static final class Status extends MasterToSlaveCallable<JobStatus, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;

        Status(String root, String instanceId) {
            this.root = root;
            this.instanceId = instanceId;
        }

        @Override
        public JobStatus call() throws IOException {
            return AgentCaches.open(root).status(instanceId);
        }
    }

    static final class ListJobs extends MasterToSlaveCallable<List<JobStatus>, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;

        ListJobs(String root) {
            this.root = root;
        }

        @Override
        public List<JobStatus> call() throws IOException {
            return List.copyOf(AgentCaches.open(root).list());
        }
    }

    static final class Read extends MasterToSlaveCallable<ReadResult, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final List<ReadRequest> requests;
        private final int byteBudget;
        private final long waitMillis;

        Read(String root, List<ReadRequest> requests, int byteBudget, long waitMillis) {
            this.root = root;
            this.requests = requests;
            this.byteBudget = byteBudget;
            this.waitMillis = waitMillis;
        }

        @Override
        public ReadResult call() throws IOException {
            return AgentCaches.open(root).read(requests, byteBudget, waitMillis);
        }
    }

    static final class Commit extends MasterToSlaveCallable<CommitResult, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;
        private final StreamName stream;
        private final long expected;
        private final long to;

        Commit(String root, String instanceId, StreamName stream, long expected, long to) {
            this.root = root;
            this.instanceId = instanceId;
            this.stream = stream;
            this.expected = expected;
            this.to = to;
        }

        @Override
        public CommitResult call() throws IOException {
            return AgentCaches.open(root).commit(instanceId, stream, expected, to);
        }
    }

    static final class Stop extends MasterToSlaveCallable<JobStatus, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;

        Stop(String root, String instanceId) {
            this.root = root;
            this.instanceId = instanceId;
        }

        @Override
        public JobStatus call() throws IOException {
            return AgentCaches.open(root).stop(instanceId);
        }
    }

    static final class Release extends MasterToSlaveCallable<JobStatus, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;

        Release(String root, String instanceId) {
            this.root = root;
            this.instanceId = instanceId;
        }

        @Override
        public JobStatus call() throws IOException {
            return AgentCaches.open(root).release(instanceId);
        }
    }

    static final class Remove extends MasterToSlaveCallable<Boolean, IOException> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;
        private final boolean force;

        Remove(String root, String instanceId, boolean force) {
            this.root = root;
            this.instanceId = instanceId;
            this.force = force;
        }

        @Override
        public Boolean call() throws IOException {
            AgentCaches.open(root).remove(instanceId, force);
            return Boolean.TRUE;
        }
    }
}
